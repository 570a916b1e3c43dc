#include "services/intake/default_register.h"

#include <string>
#include <utility>

namespace redress::intake {
namespace {

Organisation Entry(std::string id, std::string display_name, std::string short_name,
                   OrganisationKind kind, Jurisdiction jurisdiction, bool in_remit,
                   bool mp_referral_required, std::string location) {
  Organisation o;
  o.id = std::move(id);
  o.display_name = std::move(display_name);
  o.short_name = std::move(short_name);
  o.kind = kind;
  o.jurisdiction = jurisdiction;
  o.in_remit = in_remit;
  o.mp_referral_required = mp_referral_required;
  o.location = std::move(location);
  return o;
}

}  // namespace

std::vector<Organisation> DefaultRegister() {
  using K = OrganisationKind;
  using J = Jurisdiction;
  return {
      Entry("cafcass", "Children and Family Court Advisory and Support Service (Cafcass)",
            "Cafcass", K::kNonDepartmentalPublicBody, J::kParliamentary, true, false, "UK"),
      Entry("dwp", "Department for Work and Pensions (DWP)", "DWP", K::kGovernmentDepartment,
            J::kParliamentary, true, true, "UK"),
      // Local councils belong to the Local Government and Social Care Ombudsman.
      Entry("example-borough-council", "Example Borough Council", "Example BC", K::kOtherPublicBody,
            J::kParliamentary, false, false, ""),
      Entry("gp-practice-example", "Example Medical Practice", "Example GP", K::kGpPractice,
            J::kHealth, true, false, "Greater Manchester"),
      Entry("hmcts", "HM Courts and Tribunals Service (HMCTS)", "HMCTS", K::kExecutiveAgency,
            J::kParliamentary, true, true, "UK"),
      Entry("hmrc", "HM Revenue & Customs (HMRC)", "HMRC", K::kGovernmentDepartment,
            J::kParliamentary, true, true, "UK"),
      Entry("manchester-university-nhs-ft", "Manchester University NHS Foundation Trust",
            "Manchester University NHS FT", K::kNhsTrust, J::kHealth, true, false,
            "Greater Manchester"),
  };
}

}  // namespace redress::intake
