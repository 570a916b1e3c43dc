// InvestigationLogic: sharing the provisional view (or a revised one) with a comment deadline, and
// logging the parties' comments on it, each organisation investigated commenting for itself.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/investigation/apply_change.h"
#include "services/investigation/case_limits.h"
#include "services/investigation/deadlines.h"
#include "services/investigation/investigation_logic.h"
#include "services/investigation/investigation_state.h"
#include "services/investigation/investigation_validation.h"
#include "services/investigation/preconditions.h"
#include "services/investigation/request_checks.h"
#include "services/investigation/view_content.h"

namespace redress::investigation {
namespace {

// The view to share: the next revision, with a new share date and period, and the fingerprint of
// what it shows (view_content.h). Comments on earlier revisions are kept, numbered before the new
// ones, but a revision is commented on afresh: the parties have not seen it, so it has no
// commenters yet.
ProvisionalView ViewToShare(const Investigation& current,
                            const ShareProvisionalViewCommand& command, absl::CivilDay today) {
  ProvisionalView view;
  if (current.provisional_view.has_value()) {
    view.comments = current.provisional_view->comments;
    view.comment_count = current.provisional_view->comment_count;
    view.revision = current.provisional_view->revision;
  }
  ++view.revision;
  view.share_date = command.share_date.value_or(today);
  view.comment_period_working_days = command.comment_period_working_days;
  view.shared_content = ViewContentFingerprint(current);
  return view;
}

// The organisation investigated that an organisation's comment is from: the one named, which must
// be investigated, or the only one. Each comments for itself, so with several it must be named.
absl::StatusOr<std::string> CommentingOrganisation(const Investigation& current,
                                                   const LogCommentCommand& command) {
  if (command.party != Party::kOrganisation) return std::string();
  const std::vector<OrganisationInvestigated>& investigated = current.organisations_investigated;
  std::vector<std::string> names;
  for (const OrganisationInvestigated& o : investigated) names.push_back(o.organisation);
  if (command.organisation.empty() && investigated.size() == 1) return names.front();
  if (std::find(names.begin(), names.end(), command.organisation) != names.end()) {
    return command.organisation;
  }
  return InvalidArgument(
      {{"comment.organisation",
        absl::StrCat(command.organisation.empty()
                         ? "is required when more than one organisation is investigated"
                         : absl::StrCat(Quoted(command.organisation),
                                        " is not among the organisations investigated"),
                     ": one of ", absl::StrJoin(names, ", "))}});
}

// Records on `view` that `comment` was received: its party (and organisation) is a commenter on
// the revision from its received date, or from an earlier one it already had.
void RecordCommenter(ProvisionalView& view, const Comment& comment) {
  for (Commenter& commenter : view.commenters) {
    if (commenter.party != comment.party || commenter.organisation != comment.organisation) {
      continue;
    }
    commenter.first_received_date = std::min(commenter.first_received_date, comment.received_date);
    return;
  }
  view.commenters.push_back({comment.party, comment.organisation, comment.received_date});
}

}  // namespace

absl::StatusOr<Investigation> InvestigationLogic::ShareProvisionalView(
    const ShareProvisionalViewCommand& command, const FieldViolations& decoding) {
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", command.name, kInvestigationsCollection);
  ChangeRequest request = ChangeRequestAt(clock_, id, command.etag);
  ValidateCommand(v, command, request.today);
  RETURN_IF_ERROR(v.ToStatus());
  return ApplyChange(
      store_, calendar_, request, [&](const Investigation& current) -> absl::StatusOr<Change> {
        Change change = ChangeOf(current);
        Investigation& updated = change.updated;
        ASSIGN_OR_RETURN(updated.state,
                         Transition(current, InvestigationAction::kShareProvisionalView));
        updated.provisional_view = ViewToShare(current, command, request.today);
        if (current.scope.has_value()) {
          RETURN_IF_ERROR(CheckNotBefore("share_date", updated.provisional_view->share_date,
                                         current.scope->agreed_date, "the scope was agreed"));
        }
        if (current.provisional_view.has_value()) {
          RETURN_IF_ERROR(CheckNotBefore("share_date", updated.provisional_view->share_date,
                                         current.provisional_view->share_date,
                                         "the earlier provisional view was shared"));
        }
        RETURN_IF_ERROR(CheckEveryPointHasFinding(current));
        RETURN_IF_ERROR(RecomputeDeadlinesFor(updated, request.today, calendar_,
                                              "comment_period_working_days"));
        return change;
      });
}

absl::StatusOr<Investigation> InvestigationLogic::LogComment(const LogCommentCommand& command,
                                                             const FieldViolations& decoding) {
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", command.name, kInvestigationsCollection);
  ChangeRequest request = ChangeRequestAt(clock_, id, "");
  ValidateCommand(v, command, request.today);
  RETURN_IF_ERROR(v.ToStatus());
  request.key =
      IdempotencyKey{RequestScope("LogComment", id), command.request_id, command.fingerprint};
  return ApplyChange(
      store_, calendar_, request, [&](const Investigation& current) -> absl::StatusOr<Change> {
        RETURN_IF_ERROR(CheckTransition(current, InvestigationAction::kLogComment));
        if (!current.provisional_view.has_value()) {
          return absl::InternalError(absl::StrCat(current.name(), " has no provisional view"));
        }
        Change change = ChangeOf(current);
        ProvisionalView& view = *change.updated.provisional_view;
        Comment comment;
        comment.comment_id = absl::StrCat("c", view.comment_count + 1);
        comment.party = command.party;
        comment.text = command.text;
        comment.received_date = command.received_date.value_or(request.today);
        comment.log_time = request.now;
        comment.view_revision = view.revision;
        ASSIGN_OR_RETURN(comment.organisation, CommentingOrganisation(current, command));
        RETURN_IF_ERROR(CheckNotBefore("comment.received_date", comment.received_date,
                                       view.share_date, "the provisional view was shared"));
        RETURN_IF_ERROR(CheckRoomForOneMore(current, current.provisional_view->comment_count,
                                            policy_.max_comments, "comments", "comments",
                                            reason::kCommentLimitReached));
        change.created_id = comment.comment_id;
        RecordCommenter(view, comment);
        view.comments.push_back(std::move(comment));
        ++view.comment_count;
        return change;
      });
}

}  // namespace redress::investigation
