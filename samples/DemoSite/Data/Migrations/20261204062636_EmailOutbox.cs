using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DemoSite.Data.Migrations
{
    /// <inheritdoc />
    public partial class EmailOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PasskeyEmailOutbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    Partition = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Lane = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PasskeyEmailOutbox", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PasskeyEmailOutbox_DueAt",
                table: "PasskeyEmailOutbox",
                column: "DueAt");

            migrationBuilder.CreateIndex(
                name: "IX_PasskeyEmailOutbox_Lane_Partition",
                table: "PasskeyEmailOutbox",
                columns: new[] { "Lane", "Partition" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PasskeyEmailOutbox");
        }
    }
}
