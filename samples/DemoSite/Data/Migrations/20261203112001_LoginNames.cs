using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DemoSite.Data.Migrations
{
    /// <inheritdoc />
    public partial class LoginNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PasskeyLoginNames",
                columns: table => new
                {
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PasskeyLoginNames", x => x.NormalizedName);
                    table.ForeignKey(
                        name: "FK_PasskeyLoginNames_PasskeyUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "PasskeyUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PasskeyLoginNames_UserId",
                table: "PasskeyLoginNames",
                column: "UserId");

            // Existing users (written by hand, not generated; SQLite): names and emails were kept in upper case.
            // For printable ASCII, lower case is exactly the PasskeyNameNormalizer form; other rows keep the old
            // value, which no lookup matches: those users sign in with a discoverable passkey (or re-register).
            // Where a name is another user's email, the first row keeps it (INSERT OR IGNORE).
            migrationBuilder.Sql("""
                UPDATE "PasskeyUsers" SET "NormalizedUserName" = lower("UserName") WHERE "UserName" NOT GLOB '*[^!-~]*';
                UPDATE "PasskeyUsers" SET "NormalizedEmail" = lower("Email") WHERE "Email" IS NOT NULL AND "Email" NOT GLOB '*[^!-~]*';
                INSERT OR IGNORE INTO "PasskeyLoginNames" ("NormalizedName", "UserId") SELECT "NormalizedUserName", "Id" FROM "PasskeyUsers";
                INSERT OR IGNORE INTO "PasskeyLoginNames" ("NormalizedName", "UserId") SELECT "NormalizedEmail", "Id" FROM "PasskeyUsers" WHERE "NormalizedEmail" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PasskeyLoginNames");
        }
    }
}
