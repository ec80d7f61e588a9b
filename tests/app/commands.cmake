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

# `mgrelax point` writes the one DMA table of material/cycle_modulus.h:
# segments numbered from 0 in the order of the program (here the sine is
# segment 1, after a hold), one row per cycle.
file(WRITE ${_commands_dir}/dma_columns.prm
  "set material file = ${PROJECT_SOURCE_DIR}/inputs/materials/La30Ce30Ni10Al20Co10_S1.prm\n"
  "set initial temperature = 400\n"
  "subsection Load program\n"
  "  set control  = uniaxial strain\n"
  "  set segments = hold duration=1; sine mean=0 amplitude=1e-4 frequency=1 cycles=3 steps=24\n"
  "end\n"
  "subsection Output\n"
  "  set dynamic modulus = true\n"
  "end\n")
add_test(NAME point.dma_columns
  COMMAND sh -c "\"$0\" point dma_columns.prm && cat output/dma_columns/dma_columns_dma.csv" $<TARGET_FILE:mgrelax>
  WORKING_DIRECTORY ${_commands_dir})
set_tests_properties(point.dma_columns PROPERTIES
  PASS_REGULAR_EXPRESSION "segment,cycle,time,temperature,frequency,E_storage,E_loss,tan_delta\n1,0,1.5,[0-9.]+,1,[^\n]*\n1,1,2.5,[0-9.]+,1,[^\n]*\n1,2,3.5,[0-9.]+,1,"
  ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")
