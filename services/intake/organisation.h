// The organisation register's domain type: a public body complaints can be made about.
#pragma once

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace redress::intake {

enum class OrganisationKind {
  kUnspecified = 0,
  kGovernmentDepartment = 1,
  kExecutiveAgency = 2,
  kNonDepartmentalPublicBody = 3,
  kNhsTrust = 4,
  kGpPractice = 5,
  kDentalPractice = 6,
  kOtherHealthBody = 7,
  kOtherPublicBody = 8,
};

enum class Jurisdiction { kUnspecified = 0, kParliamentary = 1, kHealth = 2 };

struct Organisation {
  std::string id;  // resource name is "organisations/" + id
  std::string display_name;
  std::string short_name;
  OrganisationKind kind = OrganisationKind::kUnspecified;
  Jurisdiction jurisdiction = Jurisdiction::kUnspecified;
  bool in_remit = true;
  bool mp_referral_required = false;
  std::string location;
  int64_t version = 0;  // etag is its decimal string; 1 after creation
  absl::Time create_time = absl::InfinitePast();
  absl::Time update_time = absl::InfinitePast();

  std::string name() const { return "organisations/" + id; }
  bool operator==(const Organisation&) const;
};

inline constexpr char kOrganisationsCollection[] = "organisations/";

// Whether case summaries name `organisation` only by its kind (DESIGN §3): GP and dental
// practices are published anonymously, since a practice's name points to its few doctors.
bool IsPublishedAnonymously(const Organisation& organisation);

// The name case summaries publish for `organisation`: "A GP practice" / "A dental practice" for
// those published anonymously, otherwise its display name.
std::string PublishedName(const Organisation& organisation);

}  // namespace redress::intake
