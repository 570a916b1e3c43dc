// Shared set-up for IntakeLogic tests: a FakeStore seeded with the default register, a fake clock
// on a fixed day, predictable ids, and builders for valid complaints.
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
#include "services/intake/complaint.h"
#include "services/intake/store/fake_store.h"
#include "services/intake/intake_logic.h"

namespace redress::intake::testing {

// A Monday with no bank holiday near it.
inline constexpr absl::CivilDay kToday(2026, 3, 2);

inline Person MakePerson(PersonRole role, std::string title, std::string given,
                         std::string family) {
  Person person;
  person.role = role;
  person.details.title = std::move(title);
  person.details.given_name = std::move(given);
  person.details.family_name = std::move(family);
  return person;
}

inline Person Complainant(std::string title, std::string given, std::string family) {
  return MakePerson(PersonRole::kComplainant, std::move(title), std::move(given),
                    std::move(family));
}

// A complaint about Cafcass that passes every check when received today: in writing, a final
// response, aware within 12 months, an injustice and an outcome.
inline Complaint ValidDraft() {
  Complaint c;
  c.people.push_back(Complainant("Mr", "Joe", "Bloggs"));
  c.people.back().details.email = "joe@example.com";
  c.organisation_ids = {"cafcass"};
  c.channel = SubmissionChannel::kOnlineForm;
  c.what_went_wrong = "The family court adviser's report left out what I told them.";
  c.injustice_claimed = "Distress, and the court relied on an incomplete report.";
  c.outcome_wanted = "An apology and a corrected report.";
  c.aware_date = absl::CivilDay(2025, 10, 1);
  c.complained_to_organisation_date = absl::CivilDay(2025, 10, 15);
  c.final_response_date = absl::CivilDay(2025, 12, 10);
  return c;
}

// The state named by the PreconditionFailure of a FAILED_PRECONDITION status ("" when absent),
// and its subject.
struct StateViolation {
  std::string subject;
  std::string description;
};
inline StateViolation StateViolationOf(const absl::Status& status) {
  google::rpc::PreconditionFailure failure;
  absl::optional<absl::Cord> payload =
      status.GetPayload("type.googleapis.com/google.rpc.PreconditionFailure");
  if (!payload.has_value() || !failure.ParseFromString(std::string(*payload)) ||
      failure.violations_size() == 0 || failure.violations(0).type() != "STATE") {
    return {};
  }
  return {failure.violations(0).subject(), failure.violations(0).description()};
}

// The fields of every violation in `status`, in order.
inline std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

class IntakeLogicTest : public ::testing::Test {
 protected:
  IntakeLogicTest()
      : clock_(redress::testing::FakeClock::NoonOn(kToday)),
        logic_(store_, clock_, ids_, WorkingDayCalendar::EnglandAndWales()) {}

  void SetUp() override { ASSERT_TRUE(logic_.SeedDefaultRegister().ok()); }

  // Submits `draft` under a fresh request id; the test fails if that is not OK.
  Complaint Submit(Complaint draft) {
    std::string request_id = absl::StrCat("submit-", ++submissions_);
    absl::StatusOr<Complaint> complaint =
        logic_.SubmitComplaint(request_id, "fingerprint-" + request_id, std::move(draft));
    EXPECT_TRUE(complaint.ok()) << complaint.status();
    return complaint.ok() ? *complaint : Complaint();
  }

  AssessCommand AssessCommandFor(const Complaint& complaint, std::string request_id = "assess-1") {
    AssessCommand command;
    command.name = complaint.name();
    command.request_id = std::move(request_id);
    command.assessor = "caseworker-17";
    return command;
  }

  Complaint Accepted() {
    absl::StatusOr<Complaint> c = logic_.AssessComplaint(AssessCommandFor(Submit(ValidDraft())));
    EXPECT_TRUE(c.ok() && c->state == ComplaintState::kAccepted) << c.status();
    return c.ok() ? *c : Complaint();
  }

  // Closed at assessment as premature (no complaint to the organisation yet).
  Complaint ClosedAsPremature() {
    Complaint draft = ValidDraft();
    draft.complained_to_organisation_date.reset();
    draft.final_response_date.reset();
    absl::StatusOr<Complaint> c = logic_.AssessComplaint(AssessCommandFor(Submit(draft)));
    EXPECT_TRUE(c.ok() && c->state == ComplaintState::kClosed) << c.status();
    return c.ok() ? *c : Complaint();
  }

  FakeStore store_;
  redress::testing::FakeClock clock_;
  redress::testing::SequentialIdGenerator ids_;
  IntakeLogic logic_;
  int submissions_ = 0;
};

}  // namespace redress::intake::testing
