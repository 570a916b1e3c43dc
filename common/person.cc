// Equality of personal details, field by field.

#include "common/person.h"

#include <tuple>

namespace redress {

bool PostalAddress::operator==(const PostalAddress& o) const {
  return std::tie(lines, locality, postal_code, country) ==
         std::tie(o.lines, o.locality, o.postal_code, o.country);
}

bool PersonalDetails::operator==(const PersonalDetails& o) const {
  return std::tie(title, given_name, family_name, email, phone, postal_address, date_of_birth) ==
         std::tie(o.title, o.given_name, o.family_name, o.email, o.phone, o.postal_address,
                  o.date_of_birth);
}

}  // namespace redress
