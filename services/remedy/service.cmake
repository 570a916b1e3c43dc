# remedy_lib: the gRPC adapter, the proto conversions, the peer clients and the follow-up
# scheduler (everything but main). remedy: the binary.
add_library(remedy_lib STATIC
  follow_up_scheduler.cc
  peer_clients.cc
  proto_convert.cc
  proto_convert_enums.cc
  proto_convert_requests.cc
  remedy_service.cc)
target_compile_options(remedy_lib PRIVATE ${REDRESS_WARNINGS})
target_link_libraries(remedy_lib
  PUBLIC remedy_logic remedy_store redress_common_grpc redress_common_proto_convert
         redress_remedy_proto redress_investigation_proto redress_intake_proto)

add_executable(remedy main.cc)
target_compile_options(remedy PRIVATE ${REDRESS_WARNINGS})
target_link_libraries(remedy PRIVATE remedy_lib absl::flags absl::flags_parse)

redress_test(remedy_service_test
  SOURCES
    follow_up_scheduler_test.cc
    peer_clients_test.cc
    proto_convert_requests_test.cc
    proto_convert_test.cc
    remedy_service_bad_input_test.cc
    remedy_service_errors_test.cc
    remedy_service_guard_test.cc
    remedy_service_handoff_test.cc
    remedy_service_reports_test.cc
    remedy_service_summary_test.cc
    remedy_service_test.cc
  LIBS remedy_lib redress_common_testing google_rpc_proto
  LABELS unit)
