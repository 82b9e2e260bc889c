using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DemoSite.Data.Migrations
{
    /// <inheritdoc />
    public partial class SecurityStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SecurityStamp",
                table: "PasskeyUsers",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // Every existing user gets a random stamp of their own (256 bits, 64 hex digits); sessions signed in
            // before this migration carry none and are signed out once.
            migrationBuilder.Sql("UPDATE \"PasskeyUsers\" SET \"SecurityStamp\" = lower(hex(randomblob(32))) WHERE \"SecurityStamp\" = '';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SecurityStamp",
                table: "PasskeyUsers");
        }
    }
}
