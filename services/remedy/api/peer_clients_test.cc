// Tests of the gRPC peer clients against in-process fake Investigations and Intake servers on
// port 0: what they ask for, the deadline they carry, how the answers map to the domain, and how
// the peers' errors come back (codes and google.rpc details kept).
#include "services/remedy/api/peer_clients.h"

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/errors.h"
#include "common/grpc_status.h"
#include "common/peer_channel.h"
#include "common/server.h"
#include "common/testing/status_matchers.h"

namespace redress::remedy {
namespace {

namespace inv1 = ::redress::investigation::v1;
namespace intake_v1 = ::redress::intake::v1;
namespace common_v1 = ::redress::common::v1;

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;

// Answers GetInvestigation with `investigation` or `status`; records what it was asked.
class FakeInvestigations final : public inv1::Investigations::Service {
 public:
  grpc::Status GetInvestigation(grpc::ServerContext* context,
                                const inv1::GetInvestigationRequest* request,
                                inv1::Investigation* response) override {
    ++started;
    if (hold != nullptr) hold->WaitForNotificationWithTimeout(absl::Seconds(20));
    absl::MutexLock lock(&mu);
    last_name = request->name();
    last_deadline = absl::FromChrono(context->deadline());
    if (!status.ok()) return status;
    *response = investigation;
    return grpc::Status::OK;
  }
  std::atomic<int> started{0};
  absl::Notification* hold = nullptr;  // when set, calls wait for it
  absl::Mutex mu;
  inv1::Investigation investigation;
  grpc::Status status;
  std::string last_name;
  absl::Time last_deadline = absl::InfinitePast();
};

// Answers GetComplaintPersonalDetails with `details` or `status`; records what it was asked.
class FakeIntake final : public intake_v1::Intake::Service {
 public:
  grpc::Status GetComplaintPersonalDetails(
      grpc::ServerContext* context, const intake_v1::GetComplaintPersonalDetailsRequest* request,
      intake_v1::ComplaintPersonalDetails* response) override {
    absl::MutexLock lock(&mu);
    last_name = request->name();
    last_deadline = absl::FromChrono(context->deadline());
    if (!status.ok()) return status;
    *response = details;
    return grpc::Status::OK;
  }
  absl::Mutex mu;
  intake_v1::ComplaintPersonalDetails details;
  grpc::Status status;
  std::string last_name;
  absl::Time last_deadline = absl::InfinitePast();
};

inv1::Investigation DecidedInvestigation() {
  inv1::Investigation investigation;
  investigation.set_name("investigations/inv1");
  investigation.set_state(inv1::INVESTIGATION_STATE_DECIDED);
  inv1::ComplaintSnapshot* snapshot = investigation.mutable_complaint();
  snapshot->set_complaint("complaints/c1");
  snapshot->set_jurisdiction(common_v1::JURISDICTION_HEALTH);
  snapshot->add_organisation_published_names("Snapshot name, not published");
  inv1::Narrative* narrative = investigation.mutable_narrative();
  narrative->add_introduction("Mrs A complained about her mother’s care.");
  narrative->add_what_happened("First.");
  narrative->add_what_happened("Second – with a dash.");
  narrative->add_what_we_found("We upheld this complaint.");
  narrative->add_putting_it_right("The trust paid £500.");
  inv1::OrganisationInvestigated* trust = investigation.add_organisations_investigated();
  trust->set_organisation("organisations/trust");
  trust->set_published_name("Manchester University NHS Foundation Trust");
  inv1::OrganisationInvestigated* gp = investigation.add_organisations_investigated();
  gp->set_organisation("organisations/gp");
  gp->set_published_name("A GP practice");
  investigation.set_location("Greater Manchester");
  investigation.add_complaint_types("Delayed replying to complaint");
  investigation.add_complaint_types("Came to an unsound decision");
  investigation.mutable_final_decision()->set_sequence(2);
  return investigation;
}

class PeerClientsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerConfig config;
    config.listen_address = "127.0.0.1:0";
    config.drain_timeout = absl::Seconds(1);
    config.log_name = "peers-test";
    auto server =
        RunningServer::Start(config, {{&investigations_, "redress.investigation.v1.Investigations"},
                                      {&intake_, "redress.intake.v1.Intake"}});
    ASSERT_THAT(server, IsOk());
    server_ = *std::move(server);
    auto channel =
        NewPeerChannel(server_->address(), absl::Seconds(1), grpc::InsecureChannelCredentials());
    cases_ = std::make_unique<InvestigationCaseReader>(channel, kMaxInFlight);
    people_ = std::make_unique<IntakePersonalDetails>(channel, kMaxInFlight);
  }

  static absl::Time Soon() { return absl::Now() + absl::Seconds(5); }
  static constexpr int kMaxInFlight = 2;

  FakeInvestigations investigations_;
  FakeIntake intake_;
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<InvestigationCaseReader> cases_;
  std::unique_ptr<IntakePersonalDetails> people_;
};

// --- InvestigationCaseReader. ---

TEST_F(PeerClientsTest, ReadsADecidedInvestigationAsADecidedCase) {
  investigations_.investigation = DecidedInvestigation();
  absl::StatusOr<CaseOnRecord> record = cases_->GetCase("inv1", Soon());
  ASSERT_THAT(record, IsOk());
  EXPECT_EQ(record->state, "DECIDED");
  const DecidedCase* decided = &record->content;
  EXPECT_EQ(investigations_.last_name, "investigations/inv1");
  EXPECT_EQ(decided->investigation_id, "inv1");
  EXPECT_EQ(decided->complaint, "complaints/c1");
  EXPECT_EQ(decided->decision_sequence, 2);
  EXPECT_EQ(decided->jurisdiction, Jurisdiction::kHealth);
  EXPECT_THAT(decided->introduction, ElementsAre("Mrs A complained about her mother’s care."));
  EXPECT_THAT(decided->what_happened, ElementsAre("First.", "Second – with a dash."));
  EXPECT_THAT(decided->what_we_found, ElementsAre("We upheld this complaint."));
  EXPECT_THAT(decided->putting_it_right, ElementsAre("The trust paid £500."));
  EXPECT_THAT(decided->organisation_published_names,
              ElementsAre("Manchester University NHS Foundation Trust", "A GP practice"));
  EXPECT_EQ(decided->location, "Greater Manchester");
  EXPECT_THAT(decided->complaint_types,
              ElementsAre("Delayed replying to complaint", "Came to an unsound decision"));
}

// Whether it can be published is the logic's rule (publishable_case_test.cc); the reader says
// which state the investigation is in, by its name without the prefix.
TEST_F(PeerClientsTest, AnInvestigationInAnyStateIsReadWithItsState) {
  investigations_.investigation = DecidedInvestigation();
  investigations_.investigation.set_state(inv1::INVESTIGATION_STATE_UNDER_REVIEW);
  absl::StatusOr<CaseOnRecord> record = cases_->GetCase("inv1", Soon());
  ASSERT_THAT(record, IsOk());
  EXPECT_EQ(record->state, "UNDER_REVIEW");
  investigations_.investigation.set_state(inv1::INVESTIGATION_STATE_WITHDRAWN);
  EXPECT_EQ(cases_->GetCase("inv1", Soon())->state, "WITHDRAWN");
  investigations_.investigation.set_state(inv1::INVESTIGATION_STATE_DISCONTINUED);
  EXPECT_EQ(cases_->GetCase("inv1", Soon())->state, "DISCONTINUED");
  investigations_.investigation.set_state(static_cast<inv1::InvestigationState>(42));
  EXPECT_EQ(cases_->GetCase("inv1", Soon())->state, "42");
}

TEST_F(PeerClientsTest, NotFoundFromInvestigationStaysNotFoundWithItsDetails) {
  investigations_.status = ToGrpcStatus(NotFound("investigations/nope"), "investigation.redress");
  absl::StatusOr<CaseOnRecord> decided = cases_->GetCase("nope", Soon());
  EXPECT_THAT(decided, StatusIs(absl::StatusCode::kNotFound, HasSubstr("investigations/nope")));
  EXPECT_EQ(ErrorReasonOf(decided.status()), "NOT_FOUND");
}

TEST_F(PeerClientsTest, APeersComplaintAboutItsOwnRequestIsInternalNotTheCallersFault) {
  investigations_.status =
      ToGrpcStatus(InvalidArgument({{"name", "name is required"}}), "investigation.redress");
  absl::StatusOr<CaseOnRecord> decided = cases_->GetCase("inv1", Soon());
  EXPECT_THAT(decided, StatusIs(absl::StatusCode::kInternal, HasSubstr("investigation")));
  EXPECT_TRUE(FieldViolationsOf(decided.status()).empty());  // not the caller's fields
}

TEST_F(PeerClientsTest, TheCallCarriesTheDeadlineItIsGiven) {
  investigations_.investigation = DecidedInvestigation();
  const absl::Time deadline = absl::Now() + absl::Milliseconds(2500);
  ASSERT_THAT(cases_->GetCase("inv1", deadline), IsOk());
  // Deadlines travel as a timeout: allow for the time the call took to arrive.
  EXPECT_LE(absl::AbsDuration(investigations_.last_deadline - deadline), absl::Milliseconds(100));
}

TEST_F(PeerClientsTest, APassedDeadlineIsDeadlineExceeded) {
  investigations_.investigation = DecidedInvestigation();
  EXPECT_THAT(cases_->GetCase("inv1", absl::Now() - absl::Seconds(1)),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
}

TEST_F(PeerClientsTest, CallsBeyondTheLimitAreRefusedAtOnceWhileThePeerIsSlow) {
  investigations_.investigation = DecidedInvestigation();
  absl::Notification release;
  investigations_.hold = &release;
  std::vector<std::thread> waiting;
  for (int i = 0; i < kMaxInFlight; ++i) {
    waiting.emplace_back([&] { EXPECT_THAT(cases_->GetCase("inv1", Soon()), IsOk()); });
  }
  while (investigations_.started.load() < kMaxInFlight) absl::SleepFor(absl::Milliseconds(5));

  const absl::Time start = absl::Now();
  const absl::StatusOr<CaseOnRecord> refused = cases_->GetCase("inv1", Soon());
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(ErrorReasonOf(refused.status()), kPeerBusyReason);
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));  // not after the peer's answer
  EXPECT_EQ(investigations_.started.load(), kMaxInFlight);

  release.Notify();
  for (std::thread& thread : waiting) thread.join();
  EXPECT_THAT(cases_->GetCase("inv1", Soon()), IsOk());  // the slots were given back
}

TEST(PeerClientsUnreachableTest, AnUnreachablePeerIsUnavailable) {
  // Nothing listens on port 1.
  InvestigationCaseReader cases(
      NewPeerChannel("127.0.0.1:1", absl::Seconds(1), grpc::InsecureChannelCredentials()), 1);
  EXPECT_THAT(cases.GetCase("inv1", absl::Now() + absl::Seconds(5)),
              StatusIs(absl::StatusCode::kUnavailable));
  IntakePersonalDetails people(
      NewPeerChannel("127.0.0.1:1", absl::Seconds(1), grpc::InsecureChannelCredentials()), 1);
  EXPECT_THAT(people.GetPersonalData("complaints/c1", absl::Now() + absl::Seconds(5)),
              StatusIs(absl::StatusCode::kUnavailable));
}

// --- IntakePersonalDetails. ---

intake_v1::PersonOnComplaint* AddPerson(intake_v1::ComplaintPersonalDetails& details,
                                        intake_v1::PersonRole role, const std::string& family) {
  intake_v1::PersonOnComplaint* person = details.add_people();
  person->set_person_id(absl::StrCat("p", details.people_size()));
  person->set_role(role);
  person->mutable_details()->set_family_name(family);
  return person;
}

TEST_F(PeerClientsTest, ReadsEveryPersonOnTheComplaintWithTheirRole) {
  intake_.details.set_complaint("complaints/c1");
  intake_v1::PersonOnComplaint* complainant =
      AddPerson(intake_.details, intake_v1::PERSON_ROLE_COMPLAINANT, "Bloggs");
  common_v1::PersonalDetails* d = complainant->mutable_details();
  d->set_title("Mr");
  d->set_given_name("John Paul");
  d->set_email("jb@example.org");
  d->set_phone("+44 161 496 0000");
  d->mutable_postal_address()->add_lines("1 High Street");
  d->mutable_postal_address()->add_lines("Flat 2");
  d->mutable_postal_address()->set_locality("Manchester");
  d->mutable_postal_address()->set_postal_code("M1 1AA");
  d->mutable_date_of_birth()->set_year(1980);
  d->mutable_date_of_birth()->set_month(3);
  d->mutable_date_of_birth()->set_day(3);
  AddPerson(intake_.details, intake_v1::PERSON_ROLE_REPRESENTATIVE, "Smith");
  AddPerson(intake_.details, intake_v1::PERSON_ROLE_OTHER, "Jones");
  AddPerson(intake_.details, intake_v1::PERSON_ROLE_UNSPECIFIED, "Brown");

  absl::StatusOr<PersonalDataOnCase> on_case = people_->GetPersonalData("complaints/c1", Soon());
  ASSERT_THAT(on_case, IsOk());
  const std::vector<PersonOnCase>* people = &on_case->people;
  EXPECT_EQ(intake_.last_name, "complaints/c1");
  ASSERT_EQ(people->size(), 4u);
  const PersonOnCase& first = (*people)[0];
  EXPECT_EQ(first.role, "complainant");
  EXPECT_EQ(first.title, "Mr");
  EXPECT_EQ(first.given_name, "John Paul");
  EXPECT_EQ(first.family_name, "Bloggs");
  EXPECT_EQ(first.email, "jb@example.org");
  EXPECT_EQ(first.phone, "+44 161 496 0000");
  EXPECT_THAT(first.address_lines, ElementsAre("1 High Street", "Flat 2"));
  EXPECT_EQ(first.locality, "Manchester");
  EXPECT_EQ(first.postal_code, "M1 1AA");
  EXPECT_THAT(first.date_of_birth, Optional(absl::CivilDay(1980, 3, 3)));
  EXPECT_EQ((*people)[1].role, "representative");
  EXPECT_EQ((*people)[1].family_name, "Smith");
  EXPECT_EQ((*people)[1].date_of_birth, std::nullopt);  // all zero: not known
  EXPECT_EQ((*people)[2].role, "other");
  // An unspecified role is still checked, as another person.
  EXPECT_EQ((*people)[3].role, "other");
  EXPECT_LE(absl::AbsDuration(intake_.last_deadline - (absl::Now() + absl::Seconds(5))),
            absl::Seconds(1));
}

TEST_F(PeerClientsTest, ReadsTheReferringMpAndTheOrganisationsPublishedAnonymously) {
  AddPerson(intake_.details, intake_v1::PERSON_ROLE_COMPLAINANT, "Bloggs");
  intake_.details.mutable_mp_referral()->set_mp_name("Jane Smith MP");
  intake_.details.mutable_mp_referral()->set_constituency("Leeds Central");
  intake_v1::AnonymousOrganisation* gp = intake_.details.add_anonymous_organisations();
  gp->set_organisation("organisations/beech-grove");
  gp->set_kind(intake_v1::ORGANISATION_KIND_GP_PRACTICE);
  gp->set_display_name("Beech Grove Medical Centre");
  gp->set_short_name("Beech Grove MC");
  intake_v1::AnonymousOrganisation* dentist = intake_.details.add_anonymous_organisations();
  dentist->set_kind(intake_v1::ORGANISATION_KIND_DENTAL_PRACTICE);
  dentist->set_display_name("Parkview Dental");
  intake_v1::AnonymousOrganisation* unknown = intake_.details.add_anonymous_organisations();
  unknown->set_kind(static_cast<intake_v1::OrganisationKind>(99));
  unknown->set_display_name("Elm Clinic");

  absl::StatusOr<PersonalDataOnCase> on_case = people_->GetPersonalData("complaints/c1", Soon());
  ASSERT_THAT(on_case, IsOk());
  EXPECT_EQ(on_case->people.size(), 1u);
  EXPECT_EQ(on_case->referring_mp_name, "Jane Smith MP");
  ASSERT_EQ(on_case->anonymous_organisations.size(), 3u);
  EXPECT_EQ(on_case->anonymous_organisations[0].kind, "gp_practice");
  EXPECT_EQ(on_case->anonymous_organisations[0].display_name, "Beech Grove Medical Centre");
  EXPECT_EQ(on_case->anonymous_organisations[0].short_name, "Beech Grove MC");
  EXPECT_EQ(on_case->anonymous_organisations[1].kind, "dental_practice");
  // Intake decides which kinds are published anonymously: one this build does not know is
  // still checked.
  EXPECT_EQ(on_case->anonymous_organisations[2].kind, "organisation");
}

TEST_F(PeerClientsTest, WithoutAReferralThereIsNoMpName) {
  AddPerson(intake_.details, intake_v1::PERSON_ROLE_COMPLAINANT, "Bloggs");
  absl::StatusOr<PersonalDataOnCase> on_case = people_->GetPersonalData("complaints/c1", Soon());
  ASSERT_THAT(on_case, IsOk());
  EXPECT_EQ(on_case->referring_mp_name, "");
  EXPECT_TRUE(on_case->anonymous_organisations.empty());
}

TEST_F(PeerClientsTest, ADateOfBirthThatIsNoDateFailsTheCheckClosed) {
  intake_v1::PersonOnComplaint* person =
      AddPerson(intake_.details, intake_v1::PERSON_ROLE_COMPLAINANT, "Bloggs");
  person->mutable_details()->mutable_date_of_birth()->set_year(1980);  // no month or day
  EXPECT_THAT(people_->GetPersonalData("complaints/c1", Soon()),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("people[0].details.date_of_birth")));
}

TEST_F(PeerClientsTest, NotFoundFromIntakeStaysNotFound) {
  intake_.status = ToGrpcStatus(NotFound("complaints/c404"), "intake.redress");
  absl::StatusOr<PersonalDataOnCase> people = people_->GetPersonalData("complaints/c404", Soon());
  EXPECT_THAT(people, StatusIs(absl::StatusCode::kNotFound, HasSubstr("complaints/c404")));
  EXPECT_EQ(ErrorReasonOf(people.status()), "NOT_FOUND");
}

}  // namespace
}  // namespace redress::remedy
