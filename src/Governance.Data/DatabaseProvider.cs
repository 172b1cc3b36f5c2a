namespace Governance.Data;

/// <summary>The databases the same EF model runs on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
