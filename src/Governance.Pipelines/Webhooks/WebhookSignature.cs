using System.Security.Cryptography;
using System.Text;

namespace Governance.Pipelines.Webhooks;

/// <summary>
/// The signature receivers check: header <c>X-Governance-Timestamp</c> (Unix seconds) and
/// <c>X-Governance-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>.
/// Signing the timestamp lets receivers refuse replays older than a few minutes.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Governance-Timestamp";
    public const string SignatureHeader = "X-Governance-Signature";
    public const string EventHeader = "X-Governance-Event";

    public static string Sign(string secret, long timestamp, string body)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.UTF8.GetBytes($"{timestamp}.{body}");
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, data));
    }

    /// <summary>Constant-time check of a received signature.</summary>
    public static bool Verify(string secret, long timestamp, string body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
