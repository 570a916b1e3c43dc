// Shared set-up for InvestigationLogic tests: a FakeStore, a fake clock on a fixed day,
// predictable ids, and builders that take an investigation to each state through the logic.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/errors.h"
#include "common/testing/fake_clock.h"
#include "common/testing/sequential_ids.h"
#include "common/testing/status_matchers.h"
#include "common/working_day_calendar.h"
#include "google/rpc/error_details.pb.h"
#include "services/investigation/store/fake_store.h"
#include "services/investigation/investigation.h"
#include "services/investigation/investigation_logic.h"
#include "services/investigation/outcomes.h"

namespace redress::investigation::testing {

// A Monday with no bank holiday near it.
inline constexpr absl::CivilDay kToday(2026, 3, 2);

inline ComplaintSnapshot ValidSnapshot(std::string complaint = "complaints/c1") {
  ComplaintSnapshot s;
  s.complaint = std::move(complaint);
  s.complainants_reference = "Mr B";
  s.organisations = {"organisations/cafcass"};
  s.organisation_published_names = {
      "Children and Family Court Advisory and Support Service (Cafcass)"};
  s.what_went_wrong = "The family court adviser's report left out what Mr B told them.";
  s.injustice_claimed = "Distress.";
  s.outcome_wanted = "An apology.";
  s.jurisdiction = Jurisdiction::kParliamentary;
  s.default_location = "UK";
  return s;
}

inline Finding MakeFinding(bool failing, bool injustice, CausalLink link) {
  Finding f;
  f.failing = failing;
  f.injustice = injustice;
  f.causal_link = link;
  f.reasoning = "The adviser's notes show the conversation took place.";
  return f;
}

inline Finding Upheld() { return MakeFinding(true, true, CausalLink::kCaused); }
inline Finding NotUpheld() { return MakeFinding(false, false, CausalLink::kUnspecified); }

// A narrative with every section a decided case publishes, "What we found" ending with
// `statement` ("We partly upheld this complaint.").
inline Narrative NarrativeStating(const std::string& statement) {
  Narrative n;
  n.introduction = {"Mr B complained that Cafcass's report left out what he told the adviser."};
  n.what_happened = {"The adviser's report did not mention the call Mr B made."};
  n.what_we_found = {"The report should have recorded the call.", statement};
  n.putting_it_right = {"Cafcass apologised to Mr B."};
  return n;
}

// The PreconditionFailure of a FAILED_PRECONDITION status: type, subject and description ("" when
// absent).
struct PreconditionViolation {
  std::string type;
  std::string subject;
  std::string description;
};
inline PreconditionViolation PreconditionViolationOf(const absl::Status& status) {
  google::rpc::PreconditionFailure failure;
  absl::optional<absl::Cord> payload =
      status.GetPayload("type.googleapis.com/google.rpc.PreconditionFailure");
  if (!payload.has_value() || !failure.ParseFromString(std::string(*payload)) ||
      failure.violations_size() == 0) {
    return {};
  }
  return {failure.violations(0).type(), failure.violations(0).subject(),
          failure.violations(0).description()};
}

// The fields of every violation in `status`, in order.
inline std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

class InvestigationLogicTest : public ::testing::Test {
 protected:
  InvestigationLogicTest()
      : clock_(redress::testing::FakeClock::NoonOn(kToday)),
        logic_(store_, clock_, ids_, WorkingDayCalendar::EnglandAndWales()) {}

  template <typename T>
  T Ok(absl::StatusOr<T> result) {
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *std::move(result) : T();
  }

  // UNASSIGNED, opened under a fresh hand-off key.
  Investigation Opened() {
    std::string key = absl::StrCat("complaints/c", ++opened_, "/acceptance");
    return Ok(logic_.OpenInvestigation(key, "fp-" + key,
                                       ValidSnapshot(absl::StrCat("complaints/c", opened_))));
  }
  Investigation Assigned() { return Ok(logic_.AssignCaseworker(Opened().name(), "cw-1", "")); }

  AgreeScopeCommand ScopeCommand(const Investigation& i, absl::CivilDay agreed, int timescale) {
    AgreeScopeCommand command;
    command.name = i.name();
    command.summary = "Whether Cafcass's report was complete, and how it handled the complaint.";
    command.agreed_date = agreed;
    command.timescale_working_days = timescale;
    command.points = {"The report left out what Mr B said.", "The complaint reply was late."};
    return command;
  }
  // INVESTIGATING, scope agreed 60 days ago; no findings.
  Investigation Scoped(absl::CivilDay agreed = kToday - 60, int timescale = 60) {
    return Ok(logic_.AgreeScope(ScopeCommand(Assigned(), agreed, timescale)));
  }
  Investigation WithFinding(const Investigation& i, const std::string& point, Finding finding) {
    return Ok(logic_.RecordFinding({i.name(), point, std::move(finding), ""}));
  }
  // INVESTIGATING with a finding on every point (cp1 upheld, cp2 not upheld).
  Investigation Investigating() {
    return WithFinding(WithFinding(Scoped(), "cp1", Upheld()), "cp2", NotUpheld());
  }
  ShareProvisionalViewCommand ShareCommand(const Investigation& i, absl::CivilDay share_date,
                                           int period) {
    return {i.name(), period, share_date, ""};
  }
  // `i` with a narrative stating the decision its points' outcomes derive, as the final decision
  // requires (decision_record.h).
  Investigation Narrated(const Investigation& i) {
    std::vector<Outcome> outcomes;
    for (const ComplaintPoint& point : i.points) outcomes.push_back(point.outcome);
    Investigation patch;
    patch.narrative = NarrativeStating(DecisionStatement(DecisionFrom(outcomes)));
    return Ok(logic_.UpdateInvestigation(i.name(), patch, {"narrative"}, ""));
  }
  // PROVISIONAL_VIEW_SHARED, shared on `share_date` for `period` working days, with a narrative
  // that agrees with the decision. By default the comment period has closed.
  Investigation Shared(absl::CivilDay share_date = kToday - 21, int period = 5) {
    return Ok(
        logic_.ShareProvisionalView(ShareCommand(Narrated(Investigating()), share_date, period)));
  }
  Investigation OnHold() {
    return Ok(logic_.PutOnHold({Investigating().name(), "Waiting for records", kToday - 5, ""}));
  }
  Investigation Decided() { return Ok(logic_.IssueFinalDecision({Shared().name(), {}, ""})); }
  RequestReviewCommand ReviewCommand(const Investigation& i, std::string request_id = "review-1") {
    RequestReviewCommand command;
    command.name = i.name();
    command.request_id = std::move(request_id);
    command.fingerprint = "fp-" + command.request_id;
    command.requested_by = Party::kComplainant;
    command.ground = ReviewGround::kNewInformation;
    command.explanation = "Mr B has found the adviser's email confirming the call.";
    return command;
  }
  Investigation UnderReview() { return Ok(logic_.RequestReview(ReviewCommand(Decided()))); }
  EndInvestigationCommand EndCommand(const Investigation& i,
                                     std::string reason = "Mr B no longer wishes to go on.") {
    return {i.name(), std::move(reason), std::nullopt, ""};
  }
  Investigation Withdrawn() {
    return Ok(logic_.WithdrawInvestigation(EndCommand(Investigating())));
  }
  Investigation Discontinued() {
    return Ok(
        logic_.DiscontinueInvestigation(EndCommand(Investigating(), "No worthwhile outcome.")));
  }

  LogCommentCommand CommentCommand(const Investigation& i, Party party, std::string request_id) {
    LogCommentCommand command;
    command.name = i.name();
    command.request_id = std::move(request_id);
    command.fingerprint = "fp-" + command.request_id;
    command.party = party;
    command.text = "We have no further comments.";
    return command;
  }

  FakeStore store_;
  redress::testing::FakeClock clock_;
  redress::testing::SequentialIdGenerator ids_;
  InvestigationLogic logic_;
  int opened_ = 0;
};

}  // namespace redress::investigation::testing
