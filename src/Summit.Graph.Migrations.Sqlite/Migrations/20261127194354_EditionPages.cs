using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Summit.Graph.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EditionPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Credit",
                table: "SessionPresenters",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Markdown",
                table: "Links",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Wording",
                table: "Events",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Credit",
                table: "SessionPresenters");

            migrationBuilder.DropColumn(
                name: "Markdown",
                table: "Links");

            migrationBuilder.DropColumn(
                name: "Wording",
                table: "Events");
        }
    }
}
