// Validation of an investigation's caseworker fields (UpdateInvestigation) and of the snapshot
// OpenInvestigation receives. The commands are in command_validation.cc.
#include "services/investigation/investigation_validation.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/validation.h"
#include "services/investigation/complaint_types.h"
#include "services/investigation/request_checks.h"

namespace redress::investigation {
namespace {

constexpr size_t kMaxOpenRequestIdChars = 200;
constexpr size_t kMaxDescriptionChars = 5000;
constexpr size_t kMaxPublishedNameChars = 200;
constexpr size_t kMaxLocationChars = 100;
constexpr size_t kMaxReferenceChars = 100;
constexpr size_t kMaxSnapshotTextChars = 20000;

std::string Indexed(const std::string& path, size_t i) { return absl::StrCat(path, "[", i, "]"); }

// Every character Unicode treats as breaking a line (UAX #14's mandatory breaks): LF, VT, FF, CR,
// NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029). The published summary
// is one paragraph per line with "\n" between lines (DESIGN §3), so any of them in a paragraph
// would show as a line of its own in some reader. REQUIRES: `text` is valid UTF-8, where these
// byte sequences can be nothing else.
bool HasLineBreak(std::string_view text) {
  return text.find_first_of("\n\v\f\r") != std::string_view::npos ||
         text.find("\xC2\x85") != std::string_view::npos ||
         text.find("\xE2\x80\xA8") != std::string_view::npos ||
         text.find("\xE2\x80\xA9") != std::string_view::npos;
}

// Text published on one line: no line break (a paragraph, a name, the location).
void CheckOneLine(FieldViolations& v, const std::string& field, std::string_view text) {
  if (HasLineBreak(text)) {
    v.Add(field,
          "must not contain a line break (LF, CR, VT, FF, U+0085, U+2028 or U+2029): "
          "it is published as one line");
  }
}

void CheckParagraphs(FieldViolations& v, const std::string& field,
                     const std::vector<std::string>& paragraphs) {
  if (paragraphs.size() > static_cast<size_t>(kMaxParagraphs)) {
    v.Add(field, absl::StrCat("must have at most ", kMaxParagraphs, " paragraphs"));
    return;
  }
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (CheckRequiredText(v, Indexed(field, i), paragraphs[i], kMaxParagraphChars)) {
      CheckOneLine(v, Indexed(field, i), paragraphs[i]);
    }
  }
}

void CheckNarrative(FieldViolations& v, const Narrative& narrative) {
  CheckParagraphs(v, "investigation.narrative.introduction", narrative.introduction);
  CheckParagraphs(v, "investigation.narrative.what_happened", narrative.what_happened);
  CheckParagraphs(v, "investigation.narrative.what_we_found", narrative.what_we_found);
  CheckParagraphs(v, "investigation.narrative.putting_it_right", narrative.putting_it_right);
}

void CheckHandlingFindings(FieldViolations& v,
                           const std::vector<ComplaintHandlingFinding>& findings) {
  std::set<Principle> seen;
  for (size_t i = 0; i < findings.size(); ++i) {
    const std::string path = Indexed("investigation.complaint_handling_findings", i);
    const ComplaintHandlingFinding& f = findings[i];
    if (f.principle == Principle::kUnspecified) {
      v.Add(path + ".principle", "is required");
    } else if (!seen.insert(f.principle).second) {
      v.Add(path + ".principle", "has a finding already; record at most one per principle");
    }
    CheckRequiredText(v, path + ".finding", f.finding, kMaxDescriptionChars);
  }
}

void CheckComplaintTypes(FieldViolations& v, const std::vector<std::string>& types) {
  std::set<std::string> seen;
  for (size_t i = 0; i < types.size(); ++i) {
    const std::string path = Indexed("investigation.complaint_types", i);
    if (!IsComplaintType(types[i])) {
      v.Add(path, absl::StrCat(Quoted(types[i]), " is not a complaint type; use one of: ",
                               absl::StrJoin(ComplaintTypeLabels(), "; ")));
    } else if (!seen.insert(types[i]).second) {
      v.Add(path, absl::StrCat(Quoted(types[i]), " is repeated"));
    }
  }
}

void CheckOrganisations(FieldViolations& v, const std::vector<OrganisationInvestigated>& list) {
  const std::string field = "investigation.organisations_investigated";
  if (list.empty() || list.size() > static_cast<size_t>(kMaxOrganisationsInvestigated)) {
    v.Add(field, absl::StrCat("must list 1 to ", kMaxOrganisationsInvestigated, " organisations"));
    return;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string path = Indexed(field, i);
    if (!ParseResourceName(v, path + ".organisation", list[i].organisation,
                           kOrganisationsCollection)
             .empty() &&
        !seen.insert(list[i].organisation).second) {
      v.Add(path + ".organisation", absl::StrCat(Quoted(list[i].organisation), " is repeated"));
    }
    if (CheckRequiredText(v, path + ".published_name", list[i].published_name,
                          kMaxPublishedNameChars)) {
      CheckOneLine(v, path + ".published_name", list[i].published_name);
    }
  }
}

bool IsCompensation(RecommendationType type) {
  return type == RecommendationType::kFinancialLoss ||
         type == RecommendationType::kNonFinancialLoss;
}

bool IsCurrencyCode(std::string_view code) {
  return code.size() == 3 && absl::ascii_isupper(code[0]) && absl::ascii_isupper(code[1]) &&
         absl::ascii_isupper(code[2]);
}

void CheckAmount(FieldViolations& v, const std::string& path, const Recommendation& r) {
  if (!IsCompensation(r.type)) {
    if (r.amount.has_value()) v.Add(path + ".amount", "is only for the compensation types");
    return;
  }
  if (!r.amount.has_value()) {
    v.Add(path + ".amount", "is required for compensation");
    return;
  }
  if (r.amount->amount_minor <= 0) v.Add(path + ".amount.amount_minor", "must be more than 0");
  if (!IsCurrencyCode(r.amount->currency_code)) {
    v.Add(path + ".amount.currency_code", "must be three capital letters, for example \"GBP\"");
  }
}

void CheckRecommendations(FieldViolations& v, const std::vector<Recommendation>& list) {
  if (list.size() > static_cast<size_t>(kMaxRecommendations)) {
    v.Add("investigation.recommendations",
          absl::StrCat("must have at most ", kMaxRecommendations, " recommendations"));
    return;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string path = Indexed("investigation.recommendations", i);
    const Recommendation& r = list[i];
    if (r.type == RecommendationType::kUnspecified) v.Add(path + ".type", "is required");
    if (r.beneficiary == Beneficiary::kUnspecified) v.Add(path + ".beneficiary", "is required");
    CheckRequiredText(v, path + ".description", r.description, kMaxDescriptionChars);
    if (r.type != RecommendationType::kUnspecified) CheckAmount(v, path, r);
    if (!r.target_date.has_value()) v.Add(path + ".target_date", "is required");
    if (!r.organisation.empty()) {
      ParseResourceName(v, path + ".organisation", r.organisation, kOrganisationsCollection);
    }
  }
}

}  // namespace

const std::vector<std::string>& UpdatableInvestigationFields() {
  static const auto* const fields =
      new std::vector<std::string>{"narrative",       "complaint_handling_findings",
                                   "complaint_types", "organisations_investigated",
                                   "location",        "recommendations"};
  return *fields;
}

const std::vector<std::string>& PublicationFields() {
  static const auto* const fields = new std::vector<std::string>{
      "narrative", "complaint_types", "organisations_investigated", "location"};
  return *fields;
}

void ValidateInvestigationFields(FieldViolations& v, const Investigation& investigation,
                                 const FieldSelection& fields) {
  if (fields.Has("narrative")) CheckNarrative(v, investigation.narrative);
  if (fields.Has("complaint_handling_findings")) {
    CheckHandlingFindings(v, investigation.complaint_handling_findings);
  }
  if (fields.Has("complaint_types")) CheckComplaintTypes(v, investigation.complaint_types);
  if (fields.Has("organisations_investigated")) {
    CheckOrganisations(v, investigation.organisations_investigated);
  }
  if (fields.Has("location") &&
      CheckOptionalText(v, "investigation.location", investigation.location, kMaxLocationChars)) {
    CheckOneLine(v, "investigation.location", investigation.location);
  }
  if (fields.Has("recommendations")) CheckRecommendations(v, investigation.recommendations);
}

void CheckRecommendationOrganisations(FieldViolations& v, const Investigation& investigation,
                                      const FieldSelection& fields) {
  if (!fields.Has("recommendations") && !fields.Has("organisations_investigated")) return;
  std::set<std::string> investigated;
  for (const OrganisationInvestigated& o : investigation.organisations_investigated) {
    investigated.insert(o.organisation);
  }
  const std::vector<Recommendation>& list = investigation.recommendations;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string& organisation = list[i].organisation;
    if (organisation.empty() || investigated.count(organisation) > 0) continue;
    if (fields.Has("recommendations")) {
      v.Add(Indexed("investigation.recommendations", i) + ".organisation",
            absl::StrCat(Quoted(organisation), " is not among the organisations investigated"));
    } else {
      v.Add("investigation.organisations_investigated",
            absl::StrCat("must keep ", Quoted(organisation), ", which recommendation ",
                         Quoted(list[i].recommendation_id), " names"));
    }
  }
}

void ValidateOpenRequest(FieldViolations& v, const std::string& request_id,
                         const ComplaintSnapshot& s) {
  CheckRequiredText(v, "request_id", request_id, kMaxOpenRequestIdChars);
  ParseResourceName(v, "complaint.complaint", s.complaint, kComplaintsCollection);
  if (CheckRequiredText(v, "complaint.complainants_reference", s.complainants_reference,
                        kMaxReferenceChars)) {
    CheckOneLine(v, "complaint.complainants_reference", s.complainants_reference);
  }
  if (s.organisations.empty() ||
      s.organisations.size() > static_cast<size_t>(kMaxOrganisationsInvestigated)) {
    v.Add("complaint.organisations",
          absl::StrCat("must list 1 to ", kMaxOrganisationsInvestigated, " organisations"));
  } else {
    for (size_t i = 0; i < s.organisations.size(); ++i) {
      ParseResourceName(v, Indexed("complaint.organisations", i), s.organisations[i],
                        kOrganisationsCollection);
    }
  }
  CheckRequiredText(v, "complaint.what_went_wrong", s.what_went_wrong, kMaxSnapshotTextChars);
  CheckOptionalText(v, "complaint.injustice_claimed", s.injustice_claimed, kMaxSnapshotTextChars);
  CheckOptionalText(v, "complaint.outcome_wanted", s.outcome_wanted, kMaxSnapshotTextChars);
  const auto& names = s.organisation_published_names;
  if (!names.empty() && names.size() != s.organisations.size()) {
    v.Add("complaint.organisation_published_names",
          "must be empty or have one name per organisation");
  }
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string path = Indexed("complaint.organisation_published_names", i);
    if (CheckOptionalText(v, path, names[i], kMaxPublishedNameChars))
      CheckOneLine(v, path, names[i]);
  }
  if (CheckOptionalText(v, "complaint.default_location", s.default_location, kMaxLocationChars)) {
    CheckOneLine(v, "complaint.default_location", s.default_location);
  }
}

void ValidateCaseworker(FieldViolations& v, const std::string& field,
                        const std::string& caseworker) {
  if (CheckRequiredText(v, field, caseworker, 100)) CheckOneLine(v, field, caseworker);
}

}  // namespace redress::investigation
