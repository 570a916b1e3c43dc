#include "tests/complaints.h"

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace redress::testing {
namespace {

namespace iv1 = ::redress::intake::v1;

void SetDate(::redress::common::v1::Date* date, absl::CivilDay day) {
  date->set_year(static_cast<int>(day.year()));
  date->set_month(day.month());
  date->set_day(day.day());
}

}  // namespace

iv1::SubmitComplaintRequest AcceptableComplaint(const std::string& request_id) {
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone());
  iv1::SubmitComplaintRequest request;
  request.set_request_id(request_id);
  iv1::Complaint* c = request.mutable_complaint();
  iv1::Person* person = c->add_people();
  person->set_role(iv1::PERSON_ROLE_COMPLAINANT);
  person->mutable_details()->set_title("Mrs");
  person->mutable_details()->set_given_name("Ada");
  person->mutable_details()->set_family_name("Baker");
  person->mutable_details()->set_email("ada.baker@example.org");
  c->add_organisations("organisations/cafcass");
  c->set_channel(iv1::SUBMISSION_CHANNEL_ONLINE_FORM);
  c->set_what_went_wrong("Cafcass did not pass my letters to the family court.");
  c->set_injustice_claimed("The hearing went ahead without my evidence.");
  c->set_outcome_wanted("An apology.");
  SetDate(c->mutable_aware_date(), today - 90);
  SetDate(c->mutable_complained_to_organisation_date(), today - 80);
  SetDate(c->mutable_final_response_date(), today - 30);
  return request;
}

iv1::SubmitComplaintRequest PrematureComplaint(const std::string& request_id) {
  iv1::SubmitComplaintRequest request = AcceptableComplaint(request_id);
  request.mutable_complaint()->clear_complained_to_organisation_date();
  request.mutable_complaint()->clear_final_response_date();
  return request;
}

}  // namespace redress::testing
