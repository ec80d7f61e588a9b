# The command line: every command answers --help and -h with its usage and
# exits 0 (app/main.cc), and `mgrelax spectrum --print-parameters` prints
# its options.
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
mgrelax_add_command_test(help.list
  "usage: mgrelax COMMAND.*sweep FILE.prm[^\n]*\n[^\n]*parameter study.*exit status 0" help)
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

# An input file that includes itself is refused naming the include chain
# (deal.II alone overflows the stack).
file(WRITE ${_commands_dir}/include_self.prm
  "include ${_commands_dir}/include_self.prm\n")
foreach(_command run point)
  mgrelax_add_command_test(include_cycle.${_command}
    "includes itself \\(include chain: '[^']*include_self.prm' -> '[^']*include_self.prm'\\).*exit status 1"
    ${_command} include_self.prm)
endforeach()

# `mgrelax help COMMAND` is the usage too; spectrum calls a misspelt last
# flag unknown, and only a known option without its value "needs a value".
foreach(_command run point spectrum sweep)
  mgrelax_add_command_test(help.word.${_command}
    "usage: mgrelax ${_command} .*exit status 0" help ${_command})
endforeach()
mgrelax_add_command_test(spectrum.unknown_last_flag
  "unknown option '--bogus'.*exit status 1"
  spectrum ${PROJECT_SOURCE_DIR}/inputs/spectrum/three_modes_recovery.csv --bogus)
mgrelax_add_command_test(spectrum.known_flag_without_value
  "option '--lambda' needs a value.*exit status 1"
  spectrum ${PROJECT_SOURCE_DIR}/inputs/spectrum/three_modes_recovery.csv --lambda)

# Temperatures are bounded to [1, 5000] K (material/point_driver.h): the
# initial temperature and a segment's T= outside are refused naming the
# entry or segment and the range, and a refused input leaves no output
# directory behind (the cantilever's load program is read after the run's
# own entries, when the directory used to exist already).
function(mgrelax_add_refusal_test name command file text regex)
  file(WRITE ${_commands_dir}/${file}.prm "${text}")
  add_test(NAME ${name}
    COMMAND sh -c "rm -rf output/$1; \"$0\" $2 $1.prm; echo \"exit status $?\"; test -e output/$1 && echo \"output/$1 left behind\" || echo \"no output/$1\""
      $<TARGET_FILE:mgrelax> ${file} ${command}
    WORKING_DIRECTORY ${_commands_dir})
  set_tests_properties(${name} PROPERTIES
    PASS_REGULAR_EXPRESSION "${regex}.*exit status 1\nno output/${file}\n"
    ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")
endfunction()
set(_cantilever
  "set experiment = cantilever\n"
  "set material file = ${PROJECT_SOURCE_DIR}/inputs/materials/Al86.8Ni3.7Y9.5_STZ.prm\n"
  "subsection Output\n  set vtu interval = 1\nend\n")
string(CONCAT _text ${_cantilever}
  "subsection Load program\n  set segments = hold duration=1 T=1e-300\nend\n")
mgrelax_add_refusal_test(run.segment_temperature_bounded run cold_segment
  "${_text}" "load segment 1 \\('hold duration=1 T=1e-300'\\), key 'T': 1e-300 K is outside \\[1, 5000\\] K")
string(CONCAT _text ${_cantilever} "set initial temperature = 1e-300\n")
mgrelax_add_refusal_test(run.initial_temperature_bounded run cold_start
  "${_text}" "entry 'initial temperature': 1e-300 K is outside \\[1, 5000\\] K")
mgrelax_add_refusal_test(point.initial_temperature_bounded point hot_point
  "set material file = ${PROJECT_SOURCE_DIR}/inputs/materials/La30Ce30Ni10Al20Co10_S1.prm\nset initial temperature = 6000\nsubsection Load program\n  set segments = hold duration=1\nend\n"
  "entry 'initial temperature': 6000 K is outside \\[1, 5000\\] K")
# A load program refused when the experiment is built (after the run's own
# entries were accepted) leaves no empty output directory either.
string(CONCAT _text ${_cantilever}
  "subsection Load program\n  set segments = hold duration=1 growth=0.5\nend\n")
mgrelax_add_refusal_test(run.refused_leaves_no_directory run bad_growth
  "${_text}" "load segment 1 \\('hold duration=1 growth=0.5'\\), key 'growth': must be in \\[1, 10\\]")

# A spectrum analysis that does not apply (here: no load, so no anelastic
# strain, and too few rows) is a note; the run itself succeeds (issue 16,
# finding 8).
file(WRITE ${_commands_dir}/no_spectrum.prm
  "include ${PROJECT_SOURCE_DIR}/inputs/tension.prm\n"
  "set material file = ${PROJECT_SOURCE_DIR}/inputs/materials/La30Ce30Ni10Al20Co10_S1.prm\n"
  "subsection Load program\n"
  "  set segments = hold duration=10 dt0=1\n"
  "end\n"
  "subsection Output\n"
  "  set spectrum analysis = true\n"
  "  set name = no_spectrum\n"
  "end\n")
mgrelax_add_command_test(run.inapplicable_spectrum_analysis_is_a_note
  "note: no spectrum analysis of this run: .*at least 10 are needed.*exit status 0"
  run no_spectrum.prm)

# `mgrelax sweep` refuses an unknown option, a sweep file without a base
# file (naming the file) and a --ranks-per-case that does not divide the
# ranks.
file(WRITE ${_commands_dir}/sweep_no_base.prm "subsection Vary\n  set h = 1, 2\nend\n")
mgrelax_add_command_test(sweep.unknown_option
  "unknown option '--bogus'.*exit status 1" sweep sweep_no_base.prm --bogus)
mgrelax_add_command_test(sweep.no_base_file
  "sweep_no_base.prm: no 'base file' in subsection Sweep.*exit status 1"
  sweep sweep_no_base.prm)
mgrelax_add_command_test(sweep.ranks_per_case_divides
  "--ranks-per-case 3 does not divide the 1 MPI ranks.*exit status 1"
  sweep ${PROJECT_SOURCE_DIR}/inputs/sweep_mandrel_geometry.prm --ranks-per-case 3)
# --list expands the shipped geometry study in the documented order: a
# product, the last swept quantity changing fastest.
mgrelax_add_command_test(sweep.list_order
  "27 cases of [^\n]*\ncase 0: h=20e-6 eps=0.003 s=0 .*case 1: h=20e-6 eps=0.003 s=0.5 .*case 26: h=40e-6 eps=0.0155 s=1 .*exit status 0"
  sweep ${PROJECT_SOURCE_DIR}/inputs/sweep_mandrel_geometry.prm --list)

# A study killed (SIGTERM) once its first case has finished and started
# again: the second run computes only the cases that had not finished
# ("K finished before", K >= 1) and the table ends with every case ok.
file(WRITE ${_commands_dir}/sweep_killed.prm
  "subsection Sweep\n  set base file = ${PROJECT_SOURCE_DIR}/inputs/mandrel.prm\n"
  "  set directory = output/sweep_killed\nend\n"
  "subsection Vary\n  set h = 20e-6, 30e-6, 40e-6\n  set R = 2e-3, 3e-3\nend\n"
  "subsection Entries\n  set Geometry/thickness = h\n  set Mandrel/radius = R\n"
  "  set dimension = 2\n  set Geometry/length = 1.5e-3\n"
  "  set Geometry/cells along length = 4\n  set Mandrel/constraining time = 10\n"
  "  set Mandrel/recovery time = 10\n  set Output/vtu interval = 0\n"
  "  set Output/spectrum analysis = \"false\"\nend\n")
add_test(NAME sweep.killed_and_restarted
  COMMAND sh -c "rm -rf output/sweep_killed; \"$0\" sweep sweep_killed.prm --no-plot > /dev/null & p=$!; \
while [ ! -e output/sweep_killed/case_000/sweep_result.csv ]; do sleep 0.05; done; \
kill -TERM $p; wait $p; \"$0\" sweep sweep_killed.prm --no-plot; echo \"exit status $?\"; \
grep -c ',ok,' output/sweep_killed/sweep_killed.csv"
    $<TARGET_FILE:mgrelax>
  WORKING_DIRECTORY ${_commands_dir})
set_tests_properties(sweep.killed_and_restarted PROPERTIES TIMEOUT 120
  PASS_REGULAR_EXPRESSION "6 cases, [1-6] finished before, [0-5] to run.*exit status 0\n6\n"
  ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")
