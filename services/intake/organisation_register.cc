// IntakeLogic's organisation register: seeding the defaults, and Create/Get/List/Update of
// organisations with idempotent creation, etags and update masks.
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/list_filter.h"
#include "common/paging.h"
#include "common/status_macros.h"
#include "common/store/request_record.h"
#include "common/validation.h"
#include "services/intake/complaint_validation.h"
#include "services/intake/default_register.h"
#include "services/intake/intake_logic.h"
#include "services/intake/request_checks.h"

namespace redress::intake {
namespace {

// The request-record scope of a CreateOrganisation by the current caller: request ids are the
// caller's own (common/store/request_record.h).
std::string CreateScope() { return CallerScope("CreateOrganisation"); }

void AppendField(std::string& out, absl::string_view value) {
  absl::StrAppend(&out, value.size(), ":", value, ";");
}

// A canonical encoding of a CreateOrganisation body, so that a retry can be told from a reuse of
// its request_id. Length-prefixed, so no two bodies share an encoding.
std::string CanonicalCreateRequest(const std::string& organisation_id, const Organisation& o) {
  std::string out;
  for (const std::string* text : {&organisation_id, &o.display_name, &o.short_name, &o.location}) {
    AppendField(out, *text);
  }
  AppendField(out, absl::StrCat(static_cast<int>(o.kind), ",", static_cast<int>(o.jurisdiction),
                                ",", o.in_remit, ",", o.mp_referral_required));
  return out;
}

absl::StatusOr<std::optional<Organisation>> FindCreateRetry(IntakeStore& store,
                                                            const std::string& request_id,
                                                            const std::string& fingerprint) {
  ASSIGN_OR_RETURN(std::optional<std::string> id,
                   FindRetriedResource(store, CreateScope(), request_id, fingerprint));
  if (!id.has_value()) return std::optional<Organisation>();
  ASSIGN_OR_RETURN(Organisation organisation, LoadOrganisation(store, *id));
  return std::optional<Organisation>(std::move(organisation));
}

void ApplyOrganisationMask(Organisation& o, const Organisation& patch,
                           const std::vector<std::string>& mask) {
  for (const std::string& path : mask) {
    if (path == "display_name") o.display_name = patch.display_name;
    if (path == "short_name") o.short_name = patch.short_name;
    if (path == "kind") o.kind = patch.kind;
    if (path == "jurisdiction") o.jurisdiction = patch.jurisdiction;
    if (path == "in_remit") o.in_remit = patch.in_remit;
    if (path == "mp_referral_required") o.mp_referral_required = patch.mp_referral_required;
    if (path == "location") o.location = patch.location;
  }
}

absl::Status FilterError(std::string description) {
  return InvalidArgument({{"filter", std::move(description)}});
}

absl::Status ApplyOrganisationTerm(OrganisationQuery& query, const FilterTerm& term) {
  if (term.op != FilterOp::kEq)
    return FilterError(absl::StrCat(Quoted(term.field), " takes only ="));
  if (term.field == "in_remit" && (term.value == "true" || term.value == "false")) {
    query.in_remit = term.value == "true";
  } else if (term.field == "jurisdiction" && term.value == "PARLIAMENTARY") {
    query.jurisdiction = Jurisdiction::kParliamentary;
  } else if (term.field == "jurisdiction" && term.value == "HEALTH") {
    query.jurisdiction = Jurisdiction::kHealth;
  } else if (term.field == "in_remit" || term.field == "jurisdiction") {
    return FilterError(absl::StrCat(term.field, " cannot be ", Quoted(term.value),
                                    "; in_remit takes true or false, jurisdiction PARLIAMENTARY "
                                    "or HEALTH"));
  } else {
    return FilterError(
        absl::StrCat("unknown field ", Quoted(term.field), "; filter on in_remit or jurisdiction"));
  }
  return absl::OkStatus();
}

absl::StatusOr<OrganisationQuery> QueryForFilter(const std::string& filter) {
  ASSIGN_OR_RETURN(std::vector<FilterTerm> terms, ParseFilter(filter));
  OrganisationQuery query;
  for (const FilterTerm& term : terms) RETURN_IF_ERROR(ApplyOrganisationTerm(query, term));
  return query;
}

}  // namespace

absl::Status IntakeLogic::SeedDefaultRegister() {
  ASSIGN_OR_RETURN(int64_t count, store_.CountOrganisations());
  if (count > 0) return absl::OkStatus();
  const absl::Time now = StoredNow(clock_);
  for (Organisation organisation : DefaultRegister()) {
    organisation.version = 1;
    organisation.create_time = now;
    organisation.update_time = now;
    absl::Status inserted = store_.InsertOrganisation(organisation, std::nullopt);
    // Another replica seeding at the same time is fine.
    if (!inserted.ok() && !absl::IsAlreadyExists(inserted)) return inserted;
  }
  return absl::OkStatus();
}

absl::StatusOr<Organisation> IntakeLogic::CreateOrganisation(const std::string& request_id,
                                                             const std::string& organisation_id,
                                                             Organisation organisation,
                                                             const FieldViolations& decoding) {
  const std::string fingerprint =
      Fingerprint(CanonicalCreateRequest(organisation_id, organisation));
  FieldViolations v = decoding;
  if (CheckRequestId(v, "request_id", request_id)) {
    ASSIGN_OR_RETURN(std::optional<Organisation> retried,
                     FindCreateRetry(store_, request_id, fingerprint));
    if (retried.has_value()) return *std::move(retried);
  }
  if (!IsValidOrganisationId(organisation_id)) {
    v.Add("organisation_id",
          "organisation_id must be 1 to 63 characters of [a-z0-9-] starting "
          "with a letter");
  }
  ValidateOrganisation(v, organisation, FieldSelection::All());
  RETURN_IF_ERROR(v.ToStatus());
  organisation.id = organisation_id;
  organisation.version = 1;
  organisation.create_time = organisation.update_time = StoredNow(clock_);
  absl::Status inserted = store_.InsertOrganisation(
      organisation, RequestRecord{CreateScope(), request_id, fingerprint, organisation_id});
  if (inserted.ok()) return organisation;
  if (!absl::IsAlreadyExists(inserted)) return inserted;
  ASSIGN_OR_RETURN(std::optional<Organisation> retried,
                   FindCreateRetry(store_, request_id, fingerprint));
  if (retried.has_value()) return *std::move(retried);
  return AlreadyExists(organisation.name());
}

absl::StatusOr<Organisation> IntakeLogic::GetOrganisation(const std::string& name) {
  FieldViolations v;
  std::string id = ParseResourceName(v, "name", name, kOrganisationsCollection);
  RETURN_IF_ERROR(v.ToStatus());
  return LoadOrganisation(store_, id);
}

absl::StatusOr<OrganisationPage> IntakeLogic::ListOrganisations(const ListRequest& request) {
  ASSIGN_OR_RETURN(int page_size,
                   ResolvePageSize(request.page_size, kDefaultOrganisationPageSize, kMaxPageSize));
  ASSIGN_OR_RETURN(OrganisationQuery query, QueryForFilter(request.filter));
  ASSIGN_OR_RETURN(query.after_id, DecodePageToken(request.page_token, request.filter));
  query.limit = page_size + 1;  // one more, to know whether another page follows
  ASSIGN_OR_RETURN(std::vector<Organisation> organisations, store_.ListOrganisations(query));
  OrganisationPage page;
  page.next_page_token = TakePage(organisations, page_size, request.filter,
                                  [](const Organisation& o) { return o.id; });
  page.organisations = std::move(organisations);
  return page;
}

absl::StatusOr<Organisation> IntakeLogic::UpdateOrganisation(const std::string& name,
                                                             const Organisation& patch,
                                                             const std::vector<std::string>& mask,
                                                             const std::string& etag,
                                                             const FieldViolations& decoding) {
  FieldViolations v;
  std::string id = ParseResourceName(v, "organisation.name", name, kOrganisationsCollection);
  CheckUpdateMask(v, mask, UpdatableOrganisationFields());
  if (!v.empty()) {
    v.Append(decoding);
    return v.ToStatus();
  }
  // Every problem with the values comes before the etag, as in UpdateComplaint.
  v = decoding;
  ASSIGN_OR_RETURN(Organisation current, LoadOrganisation(store_, id));
  Organisation updated = current;
  ApplyOrganisationMask(updated, patch, mask);
  ValidateOrganisation(v, updated, FieldSelection::Only(mask));
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(CheckEtag(etag, current.version, current.name()));
  updated.version = current.version + 1;
  updated.update_time = StoredNow(clock_);
  RETURN_IF_ERROR(store_.UpdateOrganisation(updated, current.version));
  return updated;
}

}  // namespace redress::intake
