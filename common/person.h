// Personal details of a person on a case: the domain form of redress.common.v1.PersonalDetails.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace redress {

struct PostalAddress {
  std::vector<std::string> lines;
  std::string locality;
  std::string postal_code;
  std::string country;

  bool operator==(const PostalAddress&) const;
  bool operator!=(const PostalAddress& o) const { return !(*this == o); }
};

struct PersonalDetails {
  std::string title;
  std::string given_name;
  std::string family_name;
  std::string email;
  std::string phone;
  PostalAddress postal_address;
  std::optional<absl::CivilDay> date_of_birth;

  bool operator==(const PersonalDetails&) const;
  bool operator!=(const PersonalDetails& o) const { return !(*this == o); }
};

}  // namespace redress
