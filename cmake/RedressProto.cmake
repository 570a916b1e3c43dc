# redress_proto_library(<target> PROTOS <files relative to IMPORT_ROOT> [IMPORT_ROOT dir]
#                       [DEPS <proto library targets>] [GRPC])
#
# Generates C++ (and, with GRPC, gRPC stubs) for one proto package and compiles it once into a
# static library. Generated headers are included as "<package path>/<file>.pb.h".
function(redress_proto_library target)
  cmake_parse_arguments(ARG "GRPC" "IMPORT_ROOT" "PROTOS;DEPS" ${ARGN})
  if(NOT ARG_IMPORT_ROOT)
    set(ARG_IMPORT_ROOT ${CMAKE_SOURCE_DIR}/protos)
  endif()
  set(out_dir ${CMAKE_BINARY_DIR}/gen)
  file(MAKE_DIRECTORY ${out_dir})
  # The import root comes first: protoc names outputs after the first -I containing the file.
  set(include_flags -I${ARG_IMPORT_ROOT})
  foreach(dir ${CMAKE_SOURCE_DIR}/protos ${CMAKE_SOURCE_DIR}/protos/third_party
              ${Protobuf_INCLUDE_DIRS})
    if(NOT dir STREQUAL ARG_IMPORT_ROOT)
      list(APPEND include_flags -I${dir})
    endif()
  endforeach()
  set(srcs)
  foreach(proto ${ARG_PROTOS})
    get_filename_component(dir ${proto} DIRECTORY)
    get_filename_component(stem ${proto} NAME_WE)
    set(base ${out_dir}/${dir}/${stem})
    set(outputs ${base}.pb.cc ${base}.pb.h)
    set(plugin_args)
    if(ARG_GRPC)
      list(APPEND outputs ${base}.grpc.pb.cc ${base}.grpc.pb.h)
      set(plugin_args
          --grpc_out=${out_dir}
          --plugin=protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>)
    endif()
    add_custom_command(
      OUTPUT ${outputs}
      COMMAND protobuf::protoc ${include_flags} --cpp_out=${out_dir} ${plugin_args}
              ${ARG_IMPORT_ROOT}/${proto}
      DEPENDS ${ARG_IMPORT_ROOT}/${proto} protobuf::protoc
      COMMENT "protoc ${proto}"
      VERBATIM)
    list(APPEND srcs ${base}.pb.cc)
    if(ARG_GRPC)
      list(APPEND srcs ${base}.grpc.pb.cc)
    endif()
  endforeach()
  add_library(${target} STATIC ${srcs})
  target_include_directories(${target} SYSTEM PUBLIC ${out_dir} ${Protobuf_INCLUDE_DIRS})
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf ${ARG_DEPS})
  if(ARG_GRPC)
    target_link_libraries(${target} PUBLIC gRPC::grpc++)
  endif()
endfunction()

# redress_test(<name> SOURCES <files> LIBS <targets> [LABELS <labels>] [TIMEOUT seconds])
#
# A GoogleTest executable whose tests ctest runs one by one (discovered when ctest runs, so the
# build never executes test binaries).
function(redress_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT;PREFIX" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${REDRESS_WARNINGS} ${REDRESS_TEST_CXX_FLAGS})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gmock GTest::gtest_main)
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  # PREFIX names the tests apart from another binary's tests of the same names (a store
  # contract suite compiled once per implementation).
  gtest_discover_tests(${name}
    DISCOVERY_MODE PRE_TEST
    TEST_PREFIX "${ARG_PREFIX}"
    TEST_LIST ${name}_TESTS)
  # Labels and timeout are set by a script ctest reads after the discovered tests, not through
  # gtest_discover_tests' PROPERTIES: CMake 3.25 writes those into a generated command unquoted,
  # so a second label ("e2e;postgres") turned into a property name and the TIMEOUT was lost.
  set(properties_file "${CMAKE_CURRENT_BINARY_DIR}/${name}_properties.cmake")
  file(WRITE "${properties_file}"
    "if(${name}_TESTS)\n"
    "  set_tests_properties(\${${name}_TESTS} PROPERTIES LABELS \"${ARG_LABELS}\" TIMEOUT ${ARG_TIMEOUT})\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${properties_file}")
endfunction()
