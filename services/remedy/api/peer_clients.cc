#include "services/remedy/api/peer_clients.h"

#include <grpcpp/client_context.h>

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/errors.h"
#include "common/grpc_status.h"
#include "common/proto_time.h"
#include "common/status_macros.h"
#include "services/remedy/apply_change.h"  // the collections ("investigations/")

namespace redress::remedy {
namespace {

namespace inv1 = ::redress::investigation::v1;
namespace intake_v1 = ::redress::intake::v1;
namespace common_v1 = ::redress::common::v1;

constexpr char kStatePrefix[] = "INVESTIGATION_STATE_";

template <typename RepeatedStrings>
std::vector<std::string> Strings(const RepeatedStrings& list) {
  return std::vector<std::string>(list.begin(), list.end());
}

// "DECIDED" for INVESTIGATION_STATE_DECIDED; the number for one this build does not know.
std::string StateName(int state) {
  if (!inv1::InvestigationState_IsValid(state)) return absl::StrCat(state);
  return std::string(absl::StripPrefix(
      inv1::InvestigationState_Name(static_cast<inv1::InvestigationState>(state)), kStatePrefix));
}

Jurisdiction JurisdictionFromPeer(int value) {
  return common_v1::Jurisdiction_IsValid(value) ? static_cast<Jurisdiction>(value)
                                                : Jurisdiction::kUnspecified;
}

std::string RoleName(int role) {
  switch (role) {
    case intake_v1::PERSON_ROLE_COMPLAINANT:
      return "complainant";
    case intake_v1::PERSON_ROLE_REPRESENTATIVE:
      return "representative";
    default:
      return "other";
  }
}

// The role of an anonymous organisation's hits: "gp_practice", "dental_practice", or for a kind
// this build does not know (intake decides which kinds are published anonymously)
// "organisation".
std::string AnonymousKindName(int kind) {
  switch (kind) {
    case intake_v1::ORGANISATION_KIND_GP_PRACTICE:
      return "gp_practice";
    case intake_v1::ORGANISATION_KIND_DENTAL_PRACTICE:
      return "dental_practice";
    default:
      return "organisation";
  }
}

}  // namespace

CaseOnRecord CaseOnRecordFromProto(const inv1::Investigation& investigation) {
  const inv1::ComplaintSnapshot& snapshot = investigation.complaint();
  CaseOnRecord record;
  record.state = StateName(investigation.state());
  DecidedCase& decided = record.content;
  decided.investigation_id =
      std::string(absl::StripPrefix(investigation.name(), kInvestigationsCollection));
  decided.complaint = snapshot.complaint();
  decided.decision_sequence = investigation.final_decision().sequence();
  decided.jurisdiction = JurisdictionFromPeer(snapshot.jurisdiction());
  const inv1::Narrative& narrative = investigation.narrative();
  decided.introduction = Strings(narrative.introduction());
  decided.what_happened = Strings(narrative.what_happened());
  decided.what_we_found = Strings(narrative.what_we_found());
  decided.putting_it_right = Strings(narrative.putting_it_right());
  for (const inv1::OrganisationInvestigated& organisation :
       investigation.organisations_investigated()) {
    decided.organisation_published_names.push_back(organisation.published_name());
  }
  decided.location = investigation.location();
  decided.complaint_types = Strings(investigation.complaint_types());
  return record;
}

absl::StatusOr<std::vector<PersonOnCase>> PeopleFromProto(
    const intake_v1::ComplaintPersonalDetails& details) {
  std::vector<PersonOnCase> people;
  for (int i = 0; i < details.people_size(); ++i) {
    const intake_v1::PersonOnComplaint& person = details.people(i);
    const common_v1::PersonalDetails& d = person.details();
    PersonOnCase on_case;
    on_case.role = RoleName(person.role());
    on_case.title = d.title();
    on_case.given_name = d.given_name();
    on_case.family_name = d.family_name();
    on_case.email = d.email();
    on_case.phone = d.phone();
    on_case.address_lines = Strings(d.postal_address().lines());
    on_case.locality = d.postal_address().locality();
    on_case.postal_code = d.postal_address().postal_code();
    FieldViolations invalid;
    on_case.date_of_birth = DateFromProto(
        d.date_of_birth(), absl::StrCat("people[", i, "].details.date_of_birth"), invalid);
    if (!invalid.empty()) {
      // Not the value: it is personal data, and INTERNAL errors are logged.
      return absl::InternalError(absl::StrCat("intake returned an invalid date of birth at ",
                                              invalid.violations().front().field));
    }
    people.push_back(std::move(on_case));
  }
  return people;
}

absl::StatusOr<PersonalDataOnCase> PersonalDataFromProto(
    const intake_v1::ComplaintPersonalDetails& details) {
  PersonalDataOnCase on_case;
  ASSIGN_OR_RETURN(on_case.people, PeopleFromProto(details));
  on_case.referring_mp_name = details.mp_referral().mp_name();
  for (const intake_v1::AnonymousOrganisation& organisation : details.anonymous_organisations()) {
    on_case.anonymous_organisations.push_back({AnonymousKindName(organisation.kind()),
                                               organisation.display_name(),
                                               organisation.short_name()});
  }
  return on_case;
}

// A peer's error as this service's: what the peer says about its own request (INVALID_ARGUMENT,
// PERMISSION_DENIED, UNAUTHENTICATED, ...) is not about the caller's request, so it becomes
// INTERNAL naming the peer; NOT_FOUND, FAILED_PRECONDITION, UNAVAILABLE and DEADLINE_EXCEEDED
// keep their code and details, since they are about the resource or the peer's reachability.
static absl::Status PeerError(std::string_view peer, const grpc::Status& status) {
  absl::Status converted = FromGrpcStatus(status);
  switch (converted.code()) {
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kCancelled:
      return converted;
    default:
      return absl::InternalError(
          absl::StrCat(std::string(peer), " refused remedy's call: ", converted.ToString()));
  }
}

const std::vector<IdempotentMethod> kInvestigationReads = {
    {"redress.investigation.v1.Investigations", "GetInvestigation"}};
const std::vector<IdempotentMethod> kIntakeReads = {
    {"redress.intake.v1.Intake", "GetComplaintPersonalDetails"}};

InvestigationCaseReader::InvestigationCaseReader(std::shared_ptr<grpc::Channel> channel,
                                                 int max_in_flight)
    : stub_(inv1::Investigations::NewStub(std::move(channel))),
      limit_("investigation", max_in_flight) {}

absl::StatusOr<CaseOnRecord> InvestigationCaseReader::GetCase(std::string_view investigation_id,
                                                              absl::Time deadline) {
  inv1::GetInvestigationRequest request;
  request.set_name(kInvestigationsCollection + std::string(investigation_id));
  ASSIGN_OR_RETURN(const PeerCallLimit::Slot slot, limit_.Acquire());
  const std::unique_ptr<grpc::ClientContext> context = NewPeerCallContext(deadline);
  inv1::Investigation response;
  const grpc::Status status = stub_->GetInvestigation(context.get(), request, &response);
  if (!status.ok()) return PeerError("investigation", status);
  return CaseOnRecordFromProto(response);
}

IntakePersonalDetails::IntakePersonalDetails(std::shared_ptr<grpc::Channel> channel,
                                             int max_in_flight)
    : stub_(intake_v1::Intake::NewStub(std::move(channel))), limit_("intake", max_in_flight) {}

absl::StatusOr<PersonalDataOnCase> IntakePersonalDetails::GetPersonalData(
    std::string_view complaint, absl::Time deadline) {
  intake_v1::GetComplaintPersonalDetailsRequest request;
  request.set_name(std::string(complaint));
  ASSIGN_OR_RETURN(const PeerCallLimit::Slot slot, limit_.Acquire());
  const std::unique_ptr<grpc::ClientContext> context = NewPeerCallContext(deadline);
  intake_v1::ComplaintPersonalDetails response;
  const grpc::Status status = stub_->GetComplaintPersonalDetails(context.get(), request, &response);
  if (!status.ok()) return PeerError("intake", status);
  return PersonalDataFromProto(response);
}

}  // namespace redress::remedy
