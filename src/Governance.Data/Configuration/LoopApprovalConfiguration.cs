using System.Text.Json;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Governance.Data.Configuration;

internal sealed class LoopApprovalConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    // Decisions are few and always read with their request: a JSON array in a text column.
    private static readonly ValueConverter<List<ApprovalDecision>, string> DecisionsJson = new(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<List<ApprovalDecision>>(v, (JsonSerializerOptions?)null) ?? new List<ApprovalDecision>());

    private static readonly ValueComparer<List<ApprovalDecision>> DecisionsComparer = new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
        v => v.Aggregate(0, (h, d) => HashCode.Combine(h, d.GetHashCode())),
        v => v.ToList());

    public void Configure(EntityTypeBuilder<ApprovalRequest> b)
    {
        b.ToTable("approval_requests");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        // One request per candidate: a retried run finds the one it opened.
        b.HasIndex(r => r.ModelVersionId).IsUnique();
        b.HasIndex(r => new { r.Status, r.ExpiresAt });
        b.Property(r => r.Status).HasConversion<string>();
        b.Property(r => r.RequiredRoles).HasConversion(ValueConversions.JsonList, ValueConversions.JsonListComparer);
        b.Property(r => r.Decisions).HasConversion(DecisionsJson, DecisionsComparer);
        b.Ignore(r => r.OutstandingRoles);
        b.HasOne<ModelVersion>().WithMany().HasForeignKey(r => r.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LoopWebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.ToTable("webhook_subscriptions");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Events).HasConversion(ValueConversions.JsonList, ValueConversions.JsonListComparer);
    }
}

internal sealed class LoopWebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("webhook_deliveries");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => new { r.Status, r.NextAttemptAt });
        b.Property(r => r.Status).HasConversion<string>();
        b.HasOne<WebhookSubscription>().WithMany().HasForeignKey(r => r.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
    }
}
