// Shared set-up for remedy's logic tests: RemedyLogic over a FakeStore, a fake clock, sequential
// ids and fake peers, and builders for a received decision.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "common/testing/fake_clock.h"
#include "common/testing/sequential_ids.h"
#include "common/testing/status_matchers.h"
#include "common/working_day_calendar.h"
#include "gtest/gtest.h"
#include "services/remedy/store/fake_store.h"
#include "services/remedy/remedy_logic.h"

namespace redress::remedy::testing {

// CaseReader with cases set by the test, DECIDED unless `states` says otherwise; records the last
// deadline it was given.
class FakeCaseReader final : public CaseReader {
 public:
  absl::StatusOr<CaseOnRecord> GetCase(std::string_view id, absl::Time deadline) override {
    absl::MutexLock lock(&mu_);
    last_deadline = deadline;
    if (!error.ok()) return error;
    auto it = cases.find(std::string(id));
    if (it == cases.end())
      return absl::NotFoundError(absl::StrCat("investigations/", std::string(id)));
    auto state = states.find(std::string(id));
    return CaseOnRecord{state == states.end() ? "DECIDED" : state->second, it->second};
  }
  absl::Mutex mu_;
  std::map<std::string, DecidedCase> cases;
  std::map<std::string, std::string> states;  // "WITHDRAWN", ...
  absl::Status error;
  absl::Time last_deadline = absl::InfinitePast();
};

// PersonalDetailsSource with what each complaint holds set by the test: its people, the
// referring MP's name and the organisations published anonymously.
class FakePeople final : public PersonalDetailsSource {
 public:
  absl::StatusOr<PersonalDataOnCase> GetPersonalData(std::string_view complaint,
                                                     absl::Time deadline) override {
    absl::MutexLock lock(&mu_);
    ++calls;
    const std::string key(complaint);
    PersonalDataOnCase on_case;
    if (auto it = people.find(key); it != people.end()) on_case.people = it->second;
    if (auto it = referring_mp.find(key); it != referring_mp.end()) {
      on_case.referring_mp_name = it->second;
    }
    if (auto it = anonymous_organisations.find(key); it != anonymous_organisations.end()) {
      on_case.anonymous_organisations = it->second;
    }
    return on_case;
  }
  absl::Mutex mu_;
  std::map<std::string, std::vector<PersonOnCase>> people;
  std::map<std::string, std::string> referring_mp;
  std::map<std::string, std::vector<AnonymousOrganisation>> anonymous_organisations;
  int calls = 0;
};

inline DecidedRecommendation Apology(absl::CivilDay target) {
  DecidedRecommendation r;
  r.recommendation_id = "r1";
  r.type = RecommendationType::kApology;
  r.beneficiary = Beneficiary::kComplainant;
  r.description = "Apologise to Mr B for the delay.";
  r.target_date = target;
  return r;
}

inline DecidedRecommendation Payment(absl::CivilDay target, int64_t pence) {
  DecidedRecommendation r;
  r.recommendation_id = "r2";
  r.type = RecommendationType::kNonFinancialLoss;
  r.beneficiary = Beneficiary::kComplainant;
  r.description = "Pay Mr B £250 for the distress caused.";
  r.amount = Money{pence, "GBP"};
  r.target_date = target;
  return r;
}

inline ReceiveDecisionCommand Decision(std::string investigation, int sequence,
                                       std::vector<DecidedRecommendation> recommendations) {
  ReceiveDecisionCommand c;
  c.investigation_id = std::move(investigation);
  c.decision_sequence = sequence;
  c.handoff_key = absl::StrCat("investigations/", c.investigation_id, "/decisions/", sequence);
  c.request_id = c.handoff_key;
  c.complaint = "complaints/c1";
  c.decision_date = absl::CivilDay(2026, 2, 2);
  c.recommendations = std::move(recommendations);
  c.organisations = {{"hmcts", "HM Courts and Tribunals Service (HMCTS)"},
                     {"dvla", "Driver and Vehicle Licensing Agency (DVLA)"}};
  c.fingerprint = absl::StrCat("fp-", c.handoff_key, "-", c.recommendations.size());
  return c;
}

// The reopening of decision `sequence` of investigations/`investigation` on 2026-04-01.
inline ReceiveReopeningCommand Reopening(std::string investigation, int sequence) {
  ReceiveReopeningCommand c;
  c.investigation_id = std::move(investigation);
  c.decision_sequence = sequence;
  c.handoff_key =
      absl::StrCat("investigations/", c.investigation_id, "/decisions/", sequence, "/reopening");
  c.request_id = c.handoff_key;
  c.complaint = "complaints/c1";
  c.reopen_date = absl::CivilDay(2026, 4, 1);
  c.fingerprint = absl::StrCat("fp-", c.handoff_key);
  return c;
}

// The end of investigations/`investigation` after `decisions` decisions.
inline ReceiveInvestigationEndCommand End(
    std::string investigation, int decisions,
    InvestigationEnding ending = InvestigationEnding::kWithdrawn) {
  ReceiveInvestigationEndCommand c;
  c.investigation_id = std::move(investigation);
  c.handoff_key = absl::StrCat("investigations/", c.investigation_id, "/end");
  c.request_id = c.handoff_key;
  c.complaint = "complaints/c1";
  c.ending = ending;
  c.reason = "Mr B withdrew his complaint.";
  c.end_date = absl::CivilDay(2026, 5, 1);
  c.decisions_issued = decisions;
  c.fingerprint = absl::StrCat("fp-", c.handoff_key);
  return c;
}

class RemedyLogicTest : public ::testing::Test {
 protected:
  static constexpr absl::CivilDay kTarget = absl::CivilDay(2026, 3, 2);  // a Monday

  RemedyLogicTest()
      : clock_(redress::testing::FakeClock::NoonOn(absl::CivilDay(2026, 2, 2))),
        logic_(store_, clock_, ids_, WorkingDayCalendar::EnglandAndWales(), cases_, people_) {}

  // Receives a decision with `recommendations` on investigations/inv1 and returns them.
  std::vector<Recommendation> Receive(std::vector<DecidedRecommendation> recommendations,
                                      int sequence = 1, std::string investigation = "inv1") {
    absl::StatusOr<std::vector<Recommendation>> created = logic_.ReceiveDecision(
        Decision(std::move(investigation), sequence, std::move(recommendations)));
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? *created : std::vector<Recommendation>();
  }

  // Runs the scheduler's pass once a day, as the service does (every minute), from the day after
  // today up to and including `last`; the clock is left on `last`.
  void RunFollowUpDailyUntil(absl::CivilDay last) {
    for (absl::CivilDay day = Today(clock_) + 1; day <= last; ++day) {
      clock_.SetToday(day);
      ASSERT_TRUE(logic_.RunFollowUp().ok()) << absl::FormatCivilTime(day);
    }
  }

  static DueActionsRequest Due(std::optional<absl::CivilDay> as_of, std::string organisation = "",
                               int page_size = 0, std::string page_token = "") {
    return DueActionsRequest{as_of, std::move(organisation), page_size, std::move(page_token)};
  }

  static std::string NameOf(const Recommendation& r) { return "recommendations/" + r.id; }

  // Receives the reopening of decision `sequence` of investigations/inv1 and returns what it
  // answers.
  std::vector<Recommendation> Reopen(int sequence = 1) {
    absl::StatusOr<std::vector<Recommendation>> answer =
        logic_.ReceiveReopening(Reopening("inv1", sequence));
    EXPECT_TRUE(answer.ok()) << answer.status();
    return answer.ok() ? *answer : std::vector<Recommendation>();
  }

  Recommendation Get(const Recommendation& r) {
    absl::StatusOr<Recommendation> got = logic_.GetRecommendation(NameOf(r));
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : Recommendation();
  }

  FakeStore store_;
  redress::testing::FakeClock clock_;
  redress::testing::SequentialIdGenerator ids_{"rec"};
  FakeCaseReader cases_;
  FakePeople people_;
  RemedyLogic logic_;
};

}  // namespace redress::remedy::testing
