#include "common/person.h"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

namespace redress {
namespace {

PersonalDetails Details() {
  PersonalDetails d;
  d.title = "Mrs";
  d.given_name = "Zoë";
  d.family_name = "Brown";
  d.email = "zoe@example.org";
  d.phone = "+44 161 496 0000";
  d.postal_address.lines = {"1 High Street"};
  d.postal_address.locality = "Fakenham";
  d.postal_address.postal_code = "NR21 0AA";
  d.postal_address.country = "GB";
  d.date_of_birth = absl::CivilDay(1960, 2, 29);
  return d;
}

TEST(PersonalDetailsTest, EqualWhenEveryFieldIsEqual) {
  EXPECT_EQ(Details(), Details());
  EXPECT_FALSE(Details() != Details());
  EXPECT_EQ(PersonalDetails(), PersonalDetails());
}

TEST(PersonalDetailsTest, EveryFieldTakesPart) {
  const std::vector<std::function<void(PersonalDetails&)>> changes = {
      [](PersonalDetails& d) { d.title = "Ms"; },
      [](PersonalDetails& d) { d.given_name = "Zoe"; },
      [](PersonalDetails& d) { d.family_name = "Browne"; },
      [](PersonalDetails& d) { d.email = "z@example.org"; },
      [](PersonalDetails& d) { d.phone = ""; },
      [](PersonalDetails& d) { d.postal_address.lines.push_back("Little Snoring"); },
      [](PersonalDetails& d) { d.postal_address.lines[0] = "2 High Street"; },
      [](PersonalDetails& d) { d.postal_address.locality = "Holt"; },
      [](PersonalDetails& d) { d.postal_address.postal_code = "NR21 0AB"; },
      [](PersonalDetails& d) { d.postal_address.country = ""; },
      [](PersonalDetails& d) { d.date_of_birth = absl::CivilDay(1960, 3, 1); },
      [](PersonalDetails& d) { d.date_of_birth.reset(); },
  };
  for (size_t i = 0; i < changes.size(); ++i) {
    PersonalDetails changed = Details();
    changes[i](changed);
    EXPECT_NE(changed, Details()) << "change " << i;
    EXPECT_FALSE(changed == Details()) << "change " << i;
  }
}

TEST(PostalAddressTest, Equality) {
  PostalAddress a{{"1 High Street"}, "Fakenham", "NR21 0AA", ""};
  PostalAddress b = a;
  EXPECT_EQ(a, b);
  b.country = "GB";
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace redress
