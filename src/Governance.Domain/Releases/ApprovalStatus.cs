namespace Governance.Domain.Releases;

public enum ApprovalStatus
{
    Pending,
    Approved,
    Rejected,
    Expired,
}

public enum ApprovalVerdict
{
    Approve,
    Reject,
}
