using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Releases;

namespace Governance.Domain.Tests.Releases;

public class ApprovalRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Engineer = [Roles.MLEngineer];
    private static readonly string[] Officer = [Roles.ComplianceOfficer];

    private static ApprovalRequest Open() =>
        ApprovalRequest.Open(Guid.NewGuid(), "erin", ReleasePolicy.Default, "{}", new string('c', 64), Now);

    [Fact]
    public void An_engineer_and_an_officer_together_approve()
    {
        var request = Open();
        request.Decide("alice", Engineer, ApprovalVerdict.Approve, null, Now.AddHours(1));
        Assert.Equal(ApprovalStatus.Pending, request.Status);
        Assert.Equal([Roles.ComplianceOfficer], request.OutstandingRoles);
        request.Decide("carol", Officer, ApprovalVerdict.Approve, "evidence reviewed", Now.AddHours(2));
        Assert.Equal(ApprovalStatus.Approved, request.Status);
        Assert.Equal(Now.AddHours(2), request.ClosedAt);
    }

    [Fact]
    public void The_initiator_may_not_decide()
    {
        var error = Assert.Throws<DomainException>(() => Open().Decide("Erin", Engineer, ApprovalVerdict.Approve, null, Now));
        Assert.Equal(DomainErrorKind.Forbidden, error.Kind);
        Assert.Contains("you started the run", error.Message);
    }

    [Fact]
    public void One_person_holding_both_roles_cannot_approve_twice()
    {
        var request = Open();
        string[] both = [Roles.MLEngineer, Roles.ComplianceOfficer];
        request.Decide("alice", both, ApprovalVerdict.Approve, null, Now);
        var error = Assert.Throws<DomainException>(() => request.Decide("alice", both, ApprovalVerdict.Approve, null, Now));
        Assert.Contains("different person", error.Message);
        Assert.Equal(ApprovalStatus.Pending, request.Status);
    }

    [Fact]
    public void Two_engineers_do_not_make_a_release()
    {
        var request = Open();
        request.Decide("alice", Engineer, ApprovalVerdict.Approve, null, Now);
        var error = Assert.Throws<DomainException>(() => request.Decide("bob", Engineer, ApprovalVerdict.Approve, null, Now));
        Assert.Contains("outstanding approvals need ComplianceOfficer", error.Message);
    }

    [Fact]
    public void A_viewer_cannot_decide()
    {
        var error = Assert.Throws<DomainException>(() => Open().Decide("vic", [Roles.Viewer], ApprovalVerdict.Approve, null, Now));
        Assert.Contains("needs one of the roles", error.Message);
    }

    [Fact]
    public void A_rejection_needs_a_reason_and_ends_the_request()
    {
        var request = Open();
        Assert.Contains("reason", Assert.Throws<DomainException>(() => request.Decide("carol", Officer, ApprovalVerdict.Reject, "  ", Now)).Message);
        request.Decide("carol", Officer, ApprovalVerdict.Reject, "bias on non-ASCII mail", Now);
        Assert.Equal(ApprovalStatus.Rejected, request.Status);
        Assert.Throws<DomainException>(() => request.Decide("alice", Engineer, ApprovalVerdict.Approve, null, Now));
    }

    [Fact]
    public void An_expired_request_takes_no_decision()
    {
        var request = Open();
        var error = Assert.Throws<DomainException>(() => request.Decide("alice", Engineer, ApprovalVerdict.Approve, null, Now + TimeSpan.FromDays(15)));
        Assert.Equal(ApprovalStatus.Expired, request.Status);
        Assert.Contains("expired", error.Message);
    }
}
