using System.Security.Cryptography;
using System.Text;

namespace Governance.Domain.Evidence;

/// <summary>SHA-256 (lower-case hex) of evidence JSON as stored, byte for byte (UTF-8).</summary>
public static class EvidenceHash
{
    public static string Of(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
