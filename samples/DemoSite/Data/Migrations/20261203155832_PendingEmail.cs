using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DemoSite.Data.Migrations
{
    /// <inheritdoc />
    public partial class PendingEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PendingEmail",
                table: "PasskeyUsers",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            // Addresses stored before verification existed were never proved: each becomes its account's pending
            // address, which reserves nothing and receives only a verification link, and its login name goes.
            migrationBuilder.Sql("UPDATE \"PasskeyUsers\" SET \"PendingEmail\" = \"Email\", \"Email\" = NULL, \"NormalizedEmail\" = NULL WHERE \"Email\" IS NOT NULL;");
            migrationBuilder.Sql("DELETE FROM \"PasskeyLoginNames\" WHERE NOT EXISTS (SELECT 1 FROM \"PasskeyUsers\" AS u WHERE u.\"Id\" = \"PasskeyLoginNames\".\"UserId\" AND u.\"NormalizedUserName\" = \"PasskeyLoginNames\".\"NormalizedName\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Pending addresses are dropped, not made verified: down never grants what was not proved.
            migrationBuilder.DropColumn(
                name: "PendingEmail",
                table: "PasskeyUsers");
        }
    }
}
