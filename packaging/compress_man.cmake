# CPACK_PRE_BUILD_SCRIPTS: runs after CPack has installed into its staging directory, before the
# package is made. Debian policy (12.1) wants man pages gzip-compressed with -9 and, for
# reproducible packages, without the file's name and time (-n).
find_program(GZIP gzip REQUIRED)
file(GLOB_RECURSE pages "${CPACK_TEMPORARY_DIRECTORY}/*/share/man/man*/*.[1-9]")
foreach(page IN LISTS pages)
  execute_process(COMMAND ${GZIP} -9nf ${page} COMMAND_ERROR_IS_FATAL ANY)
endforeach()
