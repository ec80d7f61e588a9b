# The command line: every command answers --help and -h with its usage and
# exits 0 (app/main.cc), `mgrelax help sweep` says that the command is not
# built yet, and `mgrelax spectrum --print-parameters` prints its options.
# Each test runs the command through sh to check the exit status too.
set(_commands_dir ${CMAKE_CURRENT_BINARY_DIR}/commands)
file(MAKE_DIRECTORY ${_commands_dir})
function(mgrelax_add_command_test name regex)
  add_test(NAME ${name}
    COMMAND sh -c "\"$0\" \"$@\"; echo \"exit status $?\"" $<TARGET_FILE:mgrelax> ${ARGN}
    WORKING_DIRECTORY ${_commands_dir})
  set_tests_properties(${name} PROPERTIES PASS_REGULAR_EXPRESSION "${regex}"
    ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")
endfunction()
foreach(_command run point spectrum sweep)
  mgrelax_add_command_test(help.${_command}
    "usage: mgrelax ${_command} .*exit status 0" ${_command} --help)
  mgrelax_add_command_test(help.${_command}.h
    "usage: mgrelax ${_command} .*exit status 0" ${_command} -h)
endforeach()
mgrelax_add_command_test(help.point_after_file
  "usage: mgrelax point .*exit status 0" point inputs/none.prm --help)
mgrelax_add_command_test(help.sweep_not_built
  "usage: mgrelax sweep .*not built yet.*exit status 0" help sweep)
mgrelax_add_command_test(help.list
  "usage: mgrelax COMMAND.*sweep FILE.prm[^\n]*\n[^\n]*not built yet.*exit status 0" help)
mgrelax_add_command_test(help.unknown_command
  "unknown command 'nonsense'.*exit status 2" help nonsense)
mgrelax_add_command_test(spectrum.print_parameters
  "--time-column NAME  \\(default: time\\).*--gumbel-times.*--no-plot.*exit status 0"
  spectrum --print-parameters)
