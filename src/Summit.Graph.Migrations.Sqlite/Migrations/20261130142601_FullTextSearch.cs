using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Summit.Graph.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// The search index (FTS5): one external-content table per searched table, filled from the rows and kept current by
    /// triggers, so every writer (mutations, imports, the command line, a plain sqlite3 shell) updates it in the same
    /// transaction. Words are folded to lower case without diacritics and Porter-stemmed ("migrating" finds "migration").
    /// A later migration that makes EF Core rebuild <c>Sessions</c> or <c>Presenters</c> (a column change SQLite cannot
    /// alter in place) drops these triggers with the old table and must create them again: the search tests fail until it does.
    /// </summary>
    public partial class FullTextSearch : Migration
    {
        private const string Tokenizer = "porter unicode61 remove_diacritics 2";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            CreateIndex(migrationBuilder, "SessionSearch", "Sessions", "Title", "Abstract_PlainText");
            CreateIndex(migrationBuilder, "PresenterSearch", "Presenters", "Name", "Company");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (index, table) in new[] { ("SessionSearch", "Sessions"), ("PresenterSearch", "Presenters") })
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER "{table}_SearchInsert";
                    DROP TRIGGER "{table}_SearchDelete";
                    DROP TRIGGER "{table}_SearchUpdate";
                    DROP TABLE "{index}";
                    """);
            }
        }

        /// <summary>An FTS5 table over two text columns of <paramref name="table"/> (rowid = its Id), filled and kept by triggers.</summary>
        private static void CreateIndex(MigrationBuilder migrationBuilder, string index, string table, string first, string second)
        {
            // An external-content table's 'delete' command must be given the values that were indexed: the old row's.
            // A NULL (a person without company) indexes as nothing, on insert and delete alike.
            var columns = $"\"{first}\", \"{second}\"";
            var newValues = $"new.\"Id\", new.\"{first}\", new.\"{second}\"";
            var oldValues = $"old.\"Id\", old.\"{first}\", old.\"{second}\"";
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE "{index}" USING fts5({columns}, content='{table}', content_rowid='Id', tokenize='{Tokenizer}');
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_SearchInsert" AFTER INSERT ON "{table}" BEGIN
                    INSERT INTO "{index}"(rowid, {columns}) VALUES ({newValues});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_SearchDelete" AFTER DELETE ON "{table}" BEGIN
                    INSERT INTO "{index}"("{index}", rowid, {columns}) VALUES ('delete', {oldValues});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_SearchUpdate" AFTER UPDATE OF {columns} ON "{table}" BEGIN
                    INSERT INTO "{index}"("{index}", rowid, {columns}) VALUES ('delete', {oldValues});
                    INSERT INTO "{index}"(rowid, {columns}) VALUES ({newValues});
                END;
                """);
            migrationBuilder.Sql($"""INSERT INTO "{index}"("{index}") VALUES ('rebuild');""");
        }
    }
}
