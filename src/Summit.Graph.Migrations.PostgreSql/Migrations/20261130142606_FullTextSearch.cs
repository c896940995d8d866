using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Summit.Graph.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// The search index: a stored generated <c>tsvector</c> column on each searched table (English configuration, the
    /// title or name weighted A, the abstract or company B) with a GIN index, so PostgreSQL keeps it current on every
    /// write; and <c>pg_trgm</c> with a trigram index on presenters' names, for names typed with a letter wrong. The
    /// columns are not in the EF Core model: only the search's own SQL reads them.
    /// </summary>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Sessions" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', "Title"), 'A') || setweight(to_tsvector('english', "Abstract_PlainText"), 'B')) STORED;
                CREATE INDEX "IX_Sessions_SearchVector" ON "Sessions" USING GIN ("SearchVector");
                ALTER TABLE "Presenters" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', "Name"), 'A') || setweight(to_tsvector('english', coalesce("Company", '')), 'B')) STORED;
                CREATE INDEX "IX_Presenters_SearchVector" ON "Presenters" USING GIN ("SearchVector");
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX "IX_Presenters_Name_Trigrams" ON "Presenters" USING GIN ("Name" gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // pg_trgm stays: other objects of the database may have come to use it.
            migrationBuilder.Sql("""
                DROP INDEX "IX_Presenters_Name_Trigrams";
                ALTER TABLE "Presenters" DROP COLUMN "SearchVector";
                ALTER TABLE "Sessions" DROP COLUMN "SearchVector";
                """);
        }
    }
}
