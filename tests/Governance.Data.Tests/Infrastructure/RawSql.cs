using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Governance.Data.Tests.Infrastructure;

/// <summary>Plain SQL against the test database, behind the application's back.</summary>
public static class RawSql
{
    public static async Task ExecuteAsync(this TestDatabase db, string sql)
    {
        await using var context = db.NewContext();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Rows of the query as arrays of column values (DBNull becomes null).</summary>
    public static async Task<List<object?[]>> QueryAsync(this TestDatabase db, string sql)
    {
        await using var context = db.NewContext();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    public static async Task<long> CountAsync(this TestDatabase db, string table) =>
        Convert.ToInt64((await db.QueryAsync($"SELECT COUNT(*) FROM {table}"))[0][0], System.Globalization.CultureInfo.InvariantCulture);
}
