using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Summit.Graph.Migrations.SqlServer.Migrations
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
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true,
                collation: "Latin1_General_100_CS_AS_SC_UTF8");

            migrationBuilder.AddColumn<string>(
                name: "Markdown",
                table: "Links",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true,
                collation: "Latin1_General_100_CS_AS_SC_UTF8");

            migrationBuilder.AddColumn<string>(
                name: "Wording",
                table: "Events",
                type: "nvarchar(max)",
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
