using System.Security.Cryptography;
using Governance.Data.Access;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Auth;

/// <summary>
/// Seeds the roles and, on a database without users, creates "admin" with every role. The password comes
/// from <c>Governance:Admin:Password</c>; without it one is generated and printed once to the operator's
/// console. No default password exists anywhere.
/// </summary>
public sealed class AdminBootstrap(
    RoleManager<IdentityRole> roles,
    UserAdministration users,
    IConfiguration configuration,
    OperatorConsole console,
    ILogger<AdminBootstrap> logger)
{
    public const string AdminUserName = "admin";
    public const string PasswordKey = "Governance:Admin:Password";

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                try
                {
                    await roles.CreateAsync(new IdentityRole(role));
                }
                catch (DbUpdateException)
                {
                    // Another node starting at the same moment may have created it; its role is as good as ours.
                    if (!await roles.RoleExistsAsync(role))
                    {
                        throw;
                    }
                }
            }
        }
        if (await users.AnyUserAsync(ct))
        {
            return;
        }
        var configured = configuration[PasswordKey];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        try
        {
            await users.CreateUserAsync(AdminUserName, "Administrator", null, password, Roles.All, Actor.System, ct);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Conflict)
        {
            logger.LogInformation("Another node created the first admin already.");
            return;
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Invalid)
        {
            throw new InvalidOperationException($"{PasswordKey} was rejected: {e.Message}", e);
        }
        logger.LogInformation("Created the first admin user '{User}'.", AdminUserName);
        if (string.IsNullOrEmpty(configured))
        {
            var w = console.Out;
            w.WriteLine();
            w.WriteLine("==================== GOVERNANCE FIRST RUN ====================");
            w.WriteLine($"  Admin user:     {AdminUserName}");
            w.WriteLine($"  Admin password: {password}");
            w.WriteLine("  Shown only this once. Sign in and keep it somewhere safe,");
            w.WriteLine($"  or set {PasswordKey} before the first start next time.");
            w.WriteLine("==============================================================");
            w.WriteLine();
            await w.FlushAsync(ct);
        }
    }

    /// <summary>24 characters from letters and digits (about 140 bits), with each class Identity requires.</summary>
    internal static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        while (true)
        {
            var candidate = RandomNumberGenerator.GetString(alphabet, 24);
            if (candidate.Any(char.IsUpper) && candidate.Any(char.IsLower) && candidate.Any(char.IsDigit))
            {
                return candidate;
            }
        }
    }
}
