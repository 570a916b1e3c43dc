#include "services/intake/organisation.h"

#include <tuple>

namespace redress::intake {

bool Organisation::operator==(const Organisation& o) const {
  return std::tie(id, display_name, short_name, kind, jurisdiction, in_remit, mp_referral_required,
                  location, version, create_time, update_time) ==
         std::tie(o.id, o.display_name, o.short_name, o.kind, o.jurisdiction, o.in_remit,
                  o.mp_referral_required, o.location, o.version, o.create_time, o.update_time);
}

bool IsPublishedAnonymously(const Organisation& organisation) {
  return organisation.kind == OrganisationKind::kGpPractice ||
         organisation.kind == OrganisationKind::kDentalPractice;
}

std::string PublishedName(const Organisation& organisation) {
  switch (organisation.kind) {
    case OrganisationKind::kGpPractice:
      return "A GP practice";
    case OrganisationKind::kDentalPractice:
      return "A dental practice";
    default:
      return organisation.display_name;
  }
}

}  // namespace redress::intake
