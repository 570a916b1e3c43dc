// A case whose deadlines fall in 2031-2035, years no one has listed bank holidays for yet, run
// through the three real binaries with their clocks simulated (--simulated_time): every deadline
// is computed by the calendar's rules (each expected date below was counted by hand, skipping
// the holidays the rules give, and crosses at least one of them), nothing is refused or stalls,
// and remedy's follow-up runs when it restarts years later.
#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/time/civil_time.h"
#include "common/testing/status_matchers.h"
#include "tests/process.h"
#include "tests/suite_harness.h"

namespace redress::testing {
namespace {

namespace cv1 = ::redress::common::v1;
namespace iv1 = ::redress::intake::v1;
namespace inv1 = ::redress::investigation::v1;
namespace rv1 = ::redress::remedy::v1;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kStart[] = "--simulated_time=2031-03-03T10:00:00Z";  // a Monday
// After every step of the first recommendation and the chase of the second.
constexpr char kYearsLater[] = "--simulated_time=2035-04-10T10:00:00Z";

template <typename Message>
Message Parse(const std::string& text) {
  Message message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

absl::CivilDay Day(const cv1::Date& date) {
  return absl::CivilDay(date.year(), date.month(), date.day());
}

class CalendarYearsTest : public ::testing::Test {
 protected:
  CalendarYearsTest()
      : data_dir_(MakeTempDir("calendar_years_e2e")),
        suite_({REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY, REDRESS_REMEDY_BINARY},
               data_dir_, {kStart}) {}

  void SetUp() override { ASSERT_THAT(suite_.Start(), IsOk()); }
  void TearDown() override {
    if (HasFailure()) ADD_FAILURE() << "services' logs in " << data_dir_ << "\n" << suite_.Logs();
  }

  // Submits and assesses a complaint about the NHS trust of the default register.
  iv1::Complaint SubmitAndAssess() {
    iv1::Complaint complaint;
    EXPECT_THAT(Checked("SubmitComplaint", Call([&](grpc::ClientContext* c) {
                          return suite_.intake().SubmitComplaint(
                              c, Parse<iv1::SubmitComplaintRequest>(R"pb(
                                request_id: "years-1"
                                complaint {
                                  people {
                                    role: PERSON_ROLE_COMPLAINANT
                                    details { title: "Mr" given_name: "Tam" family_name: "Lowe" }
                                  }
                                  organisations: "organisations/manchester-university-nhs-ft"
                                  channel: SUBMISSION_CHANNEL_ONLINE_FORM
                                  what_went_wrong: "The trust lost my referral."
                                  injustice_claimed: "I waited a year for treatment."
                                  outcome_wanted: "An apology."
                                  aware_date { year: 2030 month: 12 day: 1 }
                                  complained_to_organisation_date { year: 2030 month: 12 day: 10 }
                                })pb"),
                              &complaint);
                        })),
                IsOk());
    EXPECT_THAT(Checked("AssessComplaint", Call([&](grpc::ClientContext* c) {
                          iv1::AssessComplaintRequest request;
                          request.set_name(complaint.name());
                          request.set_request_id("years-assess");
                          request.set_assessor("caseworker-1");
                          return suite_.intake().AssessComplaint(c, request, &complaint);
                        })),
                IsOk());
    return complaint;
  }

  std::string AwaitInvestigation() {
    std::string name;
    EXPECT_TRUE(Eventually([&] {
      inv1::ListInvestigationsResponse list;
      grpc::Status status = Call([&](grpc::ClientContext* c) {
        return suite_.investigation().ListInvestigations(c, {}, &list);
      });
      if (!status.ok() || list.investigations_size() == 0) return false;
      name = list.investigations(0).name();
      return true;
    }));
    return name;
  }

  inv1::Investigation Investigate(const std::string& name) {
    inv1::Investigation investigation;
    auto call = [&](const char* what, auto rpc) {
      EXPECT_THAT(Checked(what, Call([&](grpc::ClientContext* c) { return rpc(c); })), IsOk());
    };
    call("AssignCaseworker", [&](grpc::ClientContext* c) {
      inv1::AssignCaseworkerRequest request;
      request.set_name(name);
      request.set_caseworker("caseworker-1");
      return suite_.investigation().AssignCaseworker(c, request, &investigation);
    });
    call("AgreeScope", [&](grpc::ClientContext* c) {
      auto request = Parse<inv1::AgreeScopeRequest>(R"pb(
        scope { summary: "Whether the trust lost the referral." timescale_working_days: 500 }
        points: "The trust lost Mr L's referral."
      )pb");
      request.set_name(name);
      return suite_.investigation().AgreeScope(c, request, &investigation);
    });
    call("RecordFinding", [&](grpc::ClientContext* c) {
      auto request = Parse<inv1::RecordFindingRequest>(R"pb(
        point_id: "cp1"
        finding {
          failing: true
          injustice: true
          causal_link: CAUSAL_LINK_CAUSED
          reasoning: "The referral was lost."
        }
      )pb");
      request.set_name(name);
      return suite_.investigation().RecordFinding(c, request, &investigation);
    });
    call("UpdateInvestigation", [&](grpc::ClientContext* c) {
      auto request = Parse<inv1::UpdateInvestigationRequest>(R"pb(
        investigation {
          narrative {
            introduction: "Mr L complained that the trust lost his referral."
            what_happened: "The referral was not passed on."
            what_we_found: "We upheld this complaint."
            putting_it_right: "The trust apologised and paid Mr L £250."
          }
          recommendations {
            type: RECOMMENDATION_TYPE_APOLOGY
            beneficiary: BENEFICIARY_COMPLAINANT
            description: "Apologise to Mr L."
            target_date { year: 2034 month: 12 day: 20 }
          }
          recommendations {
            type: RECOMMENDATION_TYPE_NON_FINANCIAL_LOSS
            beneficiary: BENEFICIARY_COMPLAINANT
            description: "Pay Mr L £250 for the distress caused."
            amount { amount_minor: 25000 currency_code: "GBP" }
            target_date { year: 2035 month: 3 day: 20 }
          }
        }
        update_mask { paths: "narrative" paths: "recommendations" }
      )pb");
      request.mutable_investigation()->set_name(name);
      return suite_.investigation().UpdateInvestigation(c, request, &investigation);
    });
    call("ShareProvisionalView", [&](grpc::ClientContext* c) {
      inv1::ShareProvisionalViewRequest request;
      request.set_name(name);
      request.set_comment_period_working_days(30);
      return suite_.investigation().ShareProvisionalView(c, request, &investigation);
    });
    int comment = 0;
    for (cv1::Party party : {cv1::PARTY_COMPLAINANT, cv1::PARTY_ORGANISATION}) {
      call("LogComment", [&](grpc::ClientContext* c) {
        inv1::LogCommentRequest request;
        request.set_name(name);
        request.set_request_id("years-comment-" + std::to_string(++comment));
        request.mutable_comment()->set_party(party);
        request.mutable_comment()->set_text("Agreed.");
        return suite_.investigation().LogComment(c, request, &investigation);
      });
    }
    return investigation;
  }

  std::vector<rv1::Recommendation> AwaitRecommendations(const std::string& investigation) {
    std::vector<rv1::Recommendation> found;
    EXPECT_TRUE(Eventually([&] {
      rv1::ListRecommendationsRequest request;
      request.set_filter("investigation = \"" + investigation + "\"");
      rv1::ListRecommendationsResponse list;
      if (!Call([&](grpc::ClientContext* c) {
             return suite_.remedy().ListRecommendations(c, request, &list);
           }).ok() ||
          list.recommendations_size() < 2) {
        return false;
      }
      found.assign(list.recommendations().begin(), list.recommendations().end());
      return true;
    }));
    return found;
  }

  // The due date of `action` in `recommendation`'s follow-up.
  static absl::CivilDay DueDate(const rv1::Recommendation& recommendation,
                                rv1::FollowUpAction action) {
    for (const rv1::FollowUpStep& step : recommendation.follow_up()) {
      if (step.action() == action) return Day(step.due_date());
    }
    ADD_FAILURE() << "no step " << rv1::FollowUpAction_Name(action) << " in "
                  << recommendation.DebugString();
    return absl::CivilDay();
  }

  std::string data_dir_;
  Suite suite_;
};

TEST_F(CalendarYearsTest, ACaseWithDeadlinesIn2031To2035RunsOnTheCalendarsRules) {
  // Intake: 40 working days from 10 December 2030 end on 7 February 2031 (Christmas, Boxing Day
  // and New Year's Day skipped), before assessment on 3 March 2031: not premature.
  const iv1::Complaint complaint = SubmitAndAssess();
  ASSERT_EQ(complaint.state(), iv1::COMPLAINT_STATE_ACCEPTED) << complaint.DebugString();
  for (const iv1::CheckResult& check : complaint.assessment().checks()) {
    if (check.check() != iv1::ASSESSMENT_CHECK_COMPLAINTS_PROCESS_COMPLETE) continue;
    EXPECT_THAT(check.reason(), HasSubstr("end 2031-02-07"));
    EXPECT_THAT(check.reason(), Not(HasSubstr("weekdays were counted")));
  }

  // Investigation: 500 working days from 3 March 2031 end on 22 February 2033; 30 working days
  // for comments end on 16 April 2031, after Good Friday and Easter Monday 2031.
  const std::string name = AwaitInvestigation();
  ASSERT_FALSE(name.empty());
  inv1::Investigation investigation = Investigate(name);
  EXPECT_EQ(Day(investigation.scope().target_date()), absl::CivilDay(2033, 2, 22));
  EXPECT_EQ(Day(investigation.provisional_view().comment_deadline()), absl::CivilDay(2031, 4, 16));
  ASSERT_THAT(Checked("IssueFinalDecision", Call([&](grpc::ClientContext* c) {
                        inv1::IssueFinalDecisionRequest request;
                        request.set_name(name);
                        return suite_.investigation().IssueFinalDecision(c, request,
                                                                         &investigation);
                      })),
              IsOk());

  // Remedy: the chase falls 10 working days after each target date — over Christmas and New Year
  // 2034-35 for the first, over Easter 2035 for the second.
  std::vector<rv1::Recommendation> received = AwaitRecommendations(name);
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(DueDate(received[0], rv1::FOLLOW_UP_ACTION_MARK_OVERDUE), absl::CivilDay(2034, 12, 21));
  EXPECT_EQ(DueDate(received[0], rv1::FOLLOW_UP_ACTION_CHASE), absl::CivilDay(2035, 1, 8));
  EXPECT_EQ(DueDate(received[1], rv1::FOLLOW_UP_ACTION_MARK_OVERDUE), absl::CivilDay(2035, 3, 21));
  EXPECT_EQ(DueDate(received[1], rv1::FOLLOW_UP_ACTION_CHASE), absl::CivilDay(2035, 4, 5));

  // Four years on, remedy restarts; its follow-up pass at start-up takes the steps that fell due.
  ASSERT_THAT(suite_.remedy_process().Restart({kYearsLater}), IsOk());
  for (const rv1::Recommendation& r : received) {
    rv1::Recommendation now;
    ASSERT_TRUE(Eventually([&] {
      rv1::GetRecommendationRequest request;
      request.set_name(r.name());
      return Call([&](grpc::ClientContext* c) {
               return suite_.remedy().GetRecommendation(c, request, &now);
             }).ok() &&
             now.state() != rv1::RECOMMENDATION_STATE_AWAITING_RESPONSE;
    })) << now.DebugString();
    ASSERT_GT(now.follow_up_size(), 0);
    EXPECT_TRUE(now.follow_up(0).has_take_time()) << now.DebugString();
  }

  // The organisation complies late, in 2035.
  rv1::Recommendation complied;
  ASSERT_THAT(Checked("RecordCompliance", Call([&](grpc::ClientContext* c) {
                        auto request = Parse<rv1::RecordComplianceRequest>(R"pb(
                          evidence {
                            action_taken: "Paid Mr L £250."
                            completion_date { year: 2035 month: 4 day: 10 }
                            evidence_reference: "Payment 77"
                          }
                        )pb");
                        request.set_name(received[1].name());
                        return suite_.remedy().RecordCompliance(c, request, &complied);
                      })),
              IsOk());
  EXPECT_EQ(complied.state(), rv1::RECOMMENDATION_STATE_COMPLIED);
  EXPECT_FALSE(complied.compliance().on_time());
}

}  // namespace
}  // namespace redress::testing
