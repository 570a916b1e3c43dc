#include "tests/campaign_case.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/status_macros.h"

namespace redress::testing {
namespace {

namespace cv1 = ::redress::common::v1;
namespace iv1 = ::redress::intake::v1;
namespace inv1 = ::redress::investigation::v1;
namespace rv1 = ::redress::remedy::v1;

constexpr int kEvidencePerCase = 2;
// How long a slow organisation takes to answer a recommendation.
constexpr absl::Duration kSlowAnswer = absl::Milliseconds(1500);
constexpr char kDecisionNotReceived[] = "DECISION_NOT_RECEIVED";

}  // namespace

CampaignCase::CampaignCase(Suite& suite, ClientCounters& counters, CaseLedger& ledger,
                           absl::Time give_up)
    : suite_(suite),
      client_(suite, counters, give_up),
      ledger_(ledger),
      fixture_(ledger.loaded->fixture) {}

absl::Status CampaignCase::Run() {
  absl::Status status = [&]() -> absl::Status {
    RETURN_IF_ERROR(SubmitAndAccept());
    RETURN_IF_ERROR(AwaitInvestigation());
    RETURN_IF_ERROR(Investigate());
    RETURN_IF_ERROR(Decide());
    RETURN_IF_ERROR(SettleRecommendations());
    return Publish();
  }();
  if (!status.ok()) ledger_.failure = status.ToString();
  return status;
}

absl::Status CampaignCase::WriteInvestigation(
    std::string_view what, const CarefulClient::Rpc& rpc,
    const std::function<bool(const inv1::Investigation&)>& done) {
  RETURN_IF_ERROR(
      client_.WriteInvestigation(what, ledger_.investigation, rpc, done, investigation_));
  ++ledger_.acknowledged;
  return absl::OkStatus();
}

absl::Status CampaignCase::WriteRecommendation(
    std::string_view what, const CarefulClient::EtagRpc& rpc, rv1::Recommendation& answer,
    const std::function<bool(const rv1::Recommendation&)>& done) {
  RETURN_IF_ERROR(client_.WriteRecommendation(what, rpc, answer, done));
  ++ledger_.acknowledged;
  return absl::OkStatus();
}

absl::Status CampaignCase::SubmitAndAccept() {
  iv1::SubmitComplaintRequest submit;
  submit.set_request_id("submit-" + ledger_.tag);
  *submit.mutable_complaint() = fixture_.complaint();
  iv1::Complaint complaint;
  ledger_.submit_sent = true;
  RETURN_IF_ERROR(Checked("SubmitComplaint", client_.Patiently([&](grpc::ClientContext* context) {
    return suite_.intake().SubmitComplaint(context, submit, &complaint);
  })));
  ledger_.complaint = complaint.name();
  ++ledger_.acknowledged;

  iv1::AssessComplaintRequest assess;
  assess.set_name(ledger_.complaint);
  assess.set_request_id("assess-" + ledger_.tag);
  assess.set_assessor("assessment-officer-1");
  RETURN_IF_ERROR(Checked("AssessComplaint", client_.Patiently([&](grpc::ClientContext* context) {
    return suite_.intake().AssessComplaint(context, assess, &complaint);
  })));
  if (complaint.state() != iv1::COMPLAINT_STATE_ACCEPTED) {
    return absl::FailedPreconditionError(
        absl::StrCat("AssessComplaint did not accept ", ledger_.complaint));
  }
  ledger_.accepted = true;
  ++ledger_.acknowledged;
  return absl::OkStatus();
}

absl::Status CampaignCase::AwaitInvestigation() {
  inv1::ListInvestigationsRequest request;
  request.set_filter(absl::StrCat("complaint = \"", ledger_.complaint, "\""));
  grpc::Status last;
  while (absl::Now() < client_.give_up()) {
    inv1::ListInvestigationsResponse response;
    last = client_.Patiently([&](grpc::ClientContext* context) {
      return suite_.investigation().ListInvestigations(context, request, &response);
    });
    if (last.ok() && response.investigations_size() > 0) {
      investigation_ = response.investigations(0);
      ledger_.investigation = investigation_.name();
      return absl::OkStatus();
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  return absl::DeadlineExceededError(
      absl::StrCat("no investigation of ", ledger_.complaint,
                   "; last ListInvestigations: ", last.error_message()));
}

absl::Status CampaignCase::Investigate() {
  inv1::AssignCaseworkerRequest assign;
  assign.set_name(ledger_.investigation);
  assign.set_caseworker(fixture_.caseworker());
  assign.set_etag(investigation_.etag());
  RETURN_IF_ERROR(WriteInvestigation(
      "AssignCaseworker",
      [&](grpc::ClientContext* context) {
        return suite_.investigation().AssignCaseworker(context, assign, &investigation_);
      },
      [&](const inv1::Investigation& i) { return i.caseworker() == fixture_.caseworker(); }));
  ledger_.assigned = true;

  inv1::AgreeScopeRequest scope;
  scope.set_name(ledger_.investigation);
  *scope.mutable_scope() = fixture_.scope();
  for (const e2e::PointFixture& point : fixture_.points()) scope.add_points(point.description());
  scope.set_etag(investigation_.etag());
  RETURN_IF_ERROR(WriteInvestigation(
      "AgreeScope",
      [&](grpc::ClientContext* context) {
        return suite_.investigation().AgreeScope(context, scope, &investigation_);
      },
      [&](const inv1::Investigation& i) {
        return i.state() == inv1::INVESTIGATION_STATE_INVESTIGATING &&
               i.points_size() == fixture_.points_size();
      }));
  ledger_.scoped = true;

  for (int n = 1; n <= kEvidencePerCase; ++n) {
    inv1::LogEvidenceRequest evidence;
    evidence.set_name(ledger_.investigation);
    evidence.set_request_id(absl::StrCat("evidence-", ledger_.tag, "-", n));
    evidence.mutable_evidence()->set_description(
        absl::StrCat("Letter ", n, " of campaign case ", ledger_.tag));
    evidence.mutable_evidence()->set_source(cv1::PARTY_COMPLAINANT);
    *evidence.mutable_evidence()->mutable_received_date() = ToDate(ledger_.loaded->today);
    RETURN_IF_ERROR(Checked("LogEvidence", client_.Patiently([&](grpc::ClientContext* context) {
      return suite_.investigation().LogEvidence(context, evidence, &investigation_);
    })));
    ledger_.evidence.push_back(evidence.evidence().description());
    ++ledger_.acknowledged;
  }

  for (int p = 0; p < fixture_.points_size(); ++p) {
    inv1::RecordFindingRequest finding;
    finding.set_name(ledger_.investigation);
    finding.set_point_id(investigation_.points(p).point_id());
    *finding.mutable_finding() = fixture_.points(p).finding();
    finding.set_etag(investigation_.etag());
    RETURN_IF_ERROR(WriteInvestigation(
        "RecordFinding",
        [&](grpc::ClientContext* context) {
          return suite_.investigation().RecordFinding(context, finding, &investigation_);
        },
        [&](const inv1::Investigation& i) {
          return i.points_size() > p &&
                 i.points(p).finding().reasoning() == fixture_.points(p).finding().reasoning();
        }));
    ++ledger_.findings;
  }

  inv1::UpdateInvestigationRequest update;
  *update.mutable_investigation() = fixture_.update();
  update.mutable_investigation()->set_name(ledger_.investigation);
  update.mutable_investigation()->set_etag(investigation_.etag());
  for (const std::string& path : fixture_.update_mask()) {
    update.mutable_update_mask()->add_paths(path);
  }
  if (fixture_.recommendations_size() > 0) {
    for (const e2e::RecommendationFixture& r : fixture_.recommendations()) {
      *update.mutable_investigation()->add_recommendations() = r.recommendation();
    }
    update.mutable_update_mask()->add_paths("recommendations");
  }
  RETURN_IF_ERROR(WriteInvestigation(
      "UpdateInvestigation",
      [&](grpc::ClientContext* context) {
        return suite_.investigation().UpdateInvestigation(context, update, &investigation_);
      },
      [&](const inv1::Investigation& i) {
        return i.recommendations_size() == fixture_.recommendations_size() &&
               i.narrative().SerializeAsString() ==
                   fixture_.update().narrative().SerializeAsString();
      }));
  ledger_.updated = true;
  return absl::OkStatus();
}

absl::Status CampaignCase::Decide() {
  inv1::ShareProvisionalViewRequest share;
  share.set_name(ledger_.investigation);
  share.set_comment_period_working_days(fixture_.comment_period_working_days());
  share.set_etag(investigation_.etag());
  RETURN_IF_ERROR(WriteInvestigation(
      "ShareProvisionalView",
      [&](grpc::ClientContext* context) {
        return suite_.investigation().ShareProvisionalView(context, share, &investigation_);
      },
      [&](const inv1::Investigation& i) {
        return i.state() == inv1::INVESTIGATION_STATE_PROVISIONAL_VIEW_SHARED;
      }));
  ledger_.shared = true;

  for (int n = 0; n < fixture_.comments_size(); ++n) {
    inv1::LogCommentRequest comment;
    comment.set_name(ledger_.investigation);
    comment.set_request_id(absl::StrCat("comment-", ledger_.tag, "-", n + 1));
    *comment.mutable_comment() = fixture_.comments(n);
    comment.mutable_comment()->set_text(
        absl::StrCat(fixture_.comments(n).text(), " (campaign case ", ledger_.tag, ")"));
    RETURN_IF_ERROR(Checked("LogComment", client_.Patiently([&](grpc::ClientContext* context) {
      return suite_.investigation().LogComment(context, comment, &investigation_);
    })));
    ledger_.comments.push_back(comment.comment().text());
    ++ledger_.acknowledged;
  }

  inv1::IssueFinalDecisionRequest decide;
  decide.set_name(ledger_.investigation);
  decide.set_etag(investigation_.etag());
  RETURN_IF_ERROR(WriteInvestigation(
      "IssueFinalDecision",
      [&](grpc::ClientContext* context) {
        return suite_.investigation().IssueFinalDecision(context, decide, &investigation_);
      },
      [&](const inv1::Investigation& i) {
        return i.state() == inv1::INVESTIGATION_STATE_DECIDED;
      }));
  ledger_.decided = true;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<rv1::Recommendation>> CampaignCase::DecisionRecommendations() {
  rv1::ListRecommendationsRequest request;
  request.set_page_size(500);
  request.set_filter(absl::StrCat("investigation = \"", ledger_.investigation, "\""));
  rv1::ListRecommendationsResponse response;
  RETURN_IF_ERROR(
      Checked("ListRecommendations", client_.Patiently([&](grpc::ClientContext* context) {
        return suite_.remedy().ListRecommendations(context, request, &response);
      })));
  std::vector<rv1::Recommendation> decision;
  for (const rv1::Recommendation& r : response.recommendations()) {
    if (r.decision_sequence() == investigation_.final_decision().sequence()) {
      decision.push_back(r);
    }
  }
  return decision;
}

absl::Status CampaignCase::SettleRecommendations() {
  std::vector<rv1::Recommendation> received;
  while (static_cast<int>(received.size()) < fixture_.recommendations_size()) {
    if (absl::Now() > client_.give_up()) {
      return absl::DeadlineExceededError(
          absl::StrCat("remedy has ", received.size(), " of the ", fixture_.recommendations_size(),
                       " recommendations of ", ledger_.investigation));
    }
    absl::SleepFor(absl::Milliseconds(200));
    ASSIGN_OR_RETURN(received, DecisionRecommendations());
  }
  // Half the organisations take a while to answer: long enough for remedy's follow-up scheduler
  // (tests/fault_campaign.h) to mark their recommendations overdue first.
  if (std::hash<std::string>()(ledger_.tag) % 2 == 0) absl::SleepFor(kSlowAnswer);
  for (int n = 0; n < fixture_.recommendations_size(); ++n) {
    const std::string& id = investigation_.recommendations(n).recommendation_id();
    auto found = std::find_if(received.begin(), received.end(), [&](const rv1::Recommendation& r) {
      return r.source_recommendation_id() == id;
    });
    if (found == received.end()) {
      return absl::NotFoundError(absl::StrCat("remedy has no recommendation ", id));
    }
    rv1::Recommendation answer = *found;
    const e2e::RecommendationFixture& planned = fixture_.recommendations(n);
    if (planned.has_decline()) {
      rv1::DeclineRecommendationRequest decline;
      decline.set_name(answer.name());
      *decline.mutable_decline() = planned.decline();
      RETURN_IF_ERROR(WriteRecommendation(
          "DeclineRecommendation",
          [&](grpc::ClientContext* context, const std::string& etag) {
            decline.set_etag(etag);
            return suite_.remedy().DeclineRecommendation(context, decline, &answer);
          },
          answer,
          [](const rv1::Recommendation& r) {
            return r.state() == rv1::RECOMMENDATION_STATE_DECLINED;
          }));
      ledger_.settled[answer.name()] = answer.state();
      continue;
    }
    rv1::AcceptRecommendationRequest accept;
    accept.set_name(answer.name());
    RETURN_IF_ERROR(WriteRecommendation(
        "AcceptRecommendation",
        [&](grpc::ClientContext* context, const std::string& etag) {
          accept.set_etag(etag);
          return suite_.remedy().AcceptRecommendation(context, accept, &answer);
        },
        answer,
        [](const rv1::Recommendation& r) {
          return r.response().position() == rv1::ORGANISATION_POSITION_ACCEPTED;
        }));
    ledger_.settled[answer.name()] = answer.state();
    rv1::RecordComplianceRequest comply;
    comply.set_name(answer.name());
    *comply.mutable_evidence() = planned.comply();
    *comply.mutable_evidence()->mutable_completion_date() = ToDate(ledger_.loaded->today);
    RETURN_IF_ERROR(WriteRecommendation(
        "RecordCompliance",
        [&](grpc::ClientContext* context, const std::string& etag) {
          comply.set_etag(etag);
          return suite_.remedy().RecordCompliance(context, comply, &answer);
        },
        answer,
        [](const rv1::Recommendation& r) {
          return r.state() == rv1::RECOMMENDATION_STATE_COMPLIED;
        }));
    ledger_.settled[answer.name()] = answer.state();
  }
  return absl::OkStatus();
}

absl::Status CampaignCase::Publish() {
  rv1::PublishCaseSummaryRequest request;
  request.set_investigation(ledger_.investigation);
  rv1::CaseSummary summary;
  grpc::Status published;
  // A decision without recommendations is known to remedy only once its hand-off has arrived.
  for (;;) {
    published = client_.Patiently([&](grpc::ClientContext* context) {
      return suite_.remedy().PublishCaseSummary(context, request, &summary);
    });
    const bool not_yet = published.error_code() == grpc::StatusCode::FAILED_PRECONDITION &&
                         DetailsOf(published).error_info.reason() == kDecisionNotReceived;
    if (!not_yet || absl::Now() > client_.give_up()) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  RETURN_IF_ERROR(Checked("PublishCaseSummary", published));
  if (summary.text() != ledger_.loaded->expected_text) {
    return absl::InternalError(absl::StrCat("published ", summary.name(),
                                            " differs from the expected text:\n", summary.text()));
  }
  ledger_.summary = summary.name();
  ++ledger_.acknowledged;
  return absl::OkStatus();
}

}  // namespace redress::testing
