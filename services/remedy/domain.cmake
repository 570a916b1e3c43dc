add_library(remedy_domain STATIC
  anonymisation_guard.cc
  case_summary.cc
  date_match.cc
  phone_match.cc
  recommendation.cc
  state_history.cc
  text_match.cc)
target_compile_options(remedy_domain PRIVATE ${REDRESS_WARNINGS})
target_link_libraries(remedy_domain PUBLIC redress_common)

redress_test(remedy_domain_test
  SOURCES
    anonymisation_guard_contact_test.cc
    anonymisation_guard_test.cc
    case_summary_test.cc
    state_history_test.cc
  LIBS remedy_domain redress_common_testing
  LABELS unit)
