# The test install/consumer. Installs the build under test into a fresh prefix, checks that the
# files users and packagers expect are there and that libsbc.a holds every object of the library,
# then builds main.cpp here against that prefix twice, with find_package(sbc) and with
# `pkg-config --cflags --libs sbc`, and runs both programs.
# -D arguments: BUILD_DIR, WORK_DIR, CONSUMER_DIR, LIBDIR (CMAKE_INSTALL_LIBDIR), CXX, GENERATOR,
# AR, OBJECTS (the object files of sbc_objects, joined with |).
cmake_minimum_required(VERSION 3.22)

set(prefix ${WORK_DIR}/prefix)

# Runs a command; when it fails, stops the test with what it printed.
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT status EQUAL 0)
    list(JOIN ARGV " " command)
    message(FATAL_ERROR "failed (${status}): ${command}\n${out}")
  endif()
endfunction()

# Runs a consumer program; it must print the pack's id and where it came from.
function(check_program program)
  execute_process(COMMAND ${program} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT status EQUAL 0 OR NOT out STREQUAL "shandong-2020 built-in\n")
    message(FATAL_ERROR "${program} exited ${status} and printed:\n${out}")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

set(missing "")
foreach(path
    bin/sbc-check bin/sbc-subsidy bin/sbc-validate
    share/man/man1/sbc-check.1 share/man/man1/sbc-subsidy.1 share/man/man1/sbc-validate.1
    share/man/man5/sbc-case.5 share/man/man5/sbc-rules.5
    share/bash-completion/completions/sbc-check share/bash-completion/completions/sbc-subsidy
    share/bash-completion/completions/sbc-validate share/zsh/vendor-completions/_sbc
    share/fish/vendor_completions.d/sbc-check.fish share/fish/vendor_completions.d/sbc-subsidy.fish
    share/fish/vendor_completions.d/sbc-validate.fish
    share/sbc/rules/shandong-2020.yaml share/sbc/examples/01-eligible-general.yaml
    share/sbc/schema/sbc-case.schema.json
    include/sbc/rules/rules.hpp ${LIBDIR}/libsbc.a ${LIBDIR}/pkgconfig/sbc.pc
    ${LIBDIR}/cmake/sbc/sbc-config.cmake ${LIBDIR}/cmake/sbc/sbc-config-version.cmake
    ${LIBDIR}/cmake/sbc/sbc-targets.cmake)
  if(NOT EXISTS ${prefix}/${path})
    list(APPEND missing ${path})
  endif()
endforeach()
if(missing)
  list(JOIN missing "\n  " missing)
  message(FATAL_ERROR "not installed under ${prefix}:\n  ${missing}")
endif()

# libsbc.a is made of the object library's objects and the compiled packs: all must be in it.
execute_process(COMMAND ${AR} t ${prefix}/${LIBDIR}/libsbc.a OUTPUT_VARIABLE members COMMAND_ERROR_IS_FATAL ANY)
string(REPLACE "\n" ";" members "${members}")
string(REPLACE "|" ";" objects "${OBJECTS}")
list(TRANSFORM objects REPLACE ".*/" "")
list(APPEND objects builtin_packs.cpp.o)
foreach(object IN LISTS objects)
  if(NOT object IN_LIST members)
    message(FATAL_ERROR "libsbc.a lacks ${object}; it holds: ${members}")
  endif()
endforeach()

# find_package(sbc), which must find this prefix and no other sbc on the machine.
run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
    -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix})
file(STRINGS ${WORK_DIR}/build/CMakeCache.txt sbc_dir REGEX "^sbc_DIR:")
string(FIND "${sbc_dir}" "=${prefix}/" at)
if(at EQUAL -1)
  message(FATAL_ERROR "find_package(sbc) found another sbc: ${sbc_dir}")
endif()
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
check_program(${WORK_DIR}/build/sbc-consumer)

# pkg-config, the same way: its paths must lead into this prefix.
find_program(PKG_CONFIG NAMES pkgconf pkg-config)
if(NOT PKG_CONFIG)
  message(FATAL_ERROR "pkg-config is not installed (scripts/bootstrap.sh installs it)")
endif()
set(ENV{PKG_CONFIG_PATH} ${prefix}/${LIBDIR}/pkgconfig)
foreach(dir libdir:${LIBDIR} includedir:include)
  string(REPLACE ":" ";" dir ${dir})
  list(GET dir 0 variable)
  list(GET dir 1 expected)
  execute_process(COMMAND ${PKG_CONFIG} --variable=${variable} sbc OUTPUT_VARIABLE actual
                  OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
  file(REAL_PATH "${actual}" actual)
  file(REAL_PATH ${prefix}/${expected} expected)
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "sbc.pc: ${variable} is ${actual}, not ${expected}")
  endif()
endforeach()
execute_process(COMMAND ${PKG_CONFIG} --cflags --libs sbc OUTPUT_VARIABLE flags
                OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
separate_arguments(flags UNIX_COMMAND "${flags}")
run(${CXX} -std=c++20 ${CONSUMER_DIR}/main.cpp -o ${WORK_DIR}/sbc-consumer-pkg-config ${flags})
check_program(${WORK_DIR}/sbc-consumer-pkg-config)
