using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DemoSite.Data.Migrations
{
    /// <inheritdoc />
    public partial class CeremonyOrigin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "PasskeyCeremonies",
                type: "TEXT",
                maxLength: 512,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Origin",
                table: "PasskeyCeremonies");
        }
    }
}
