using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Summit.Graph.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ContentVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContentVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    PublicVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentVersions", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "ContentVersions",
                columns: new[] { "Id", "PublicVersion", "Version" },
                values: new object[] { 1, 0L, 0L });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContentVersions");
        }
    }
}
