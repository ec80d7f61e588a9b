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

# A run stopped by SIGTERM (SIGINT for the point driver) after its first
# progress line exits with 128 + the signal, keeps the rows it finished
# (equal to the uninterrupted run's) and a .pvd that lists only complete
# files (issue 16, finding 3; tests/app/stop_signal_test.py).
add_test(NAME run.stop_signal
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/stop_signal_test.py
          --mgrelax $<TARGET_FILE:mgrelax> --source ${PROJECT_SOURCE_DIR})
add_test(NAME run.stop_signal.np2
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/stop_signal_test.py
          --mgrelax $<TARGET_FILE:mgrelax> --source ${PROJECT_SOURCE_DIR}
          --mpirun ${MPIEXEC_EXECUTABLE} --ranks 2)
set_tests_properties(run.stop_signal run.stop_signal.np2 PROPERTIES TIMEOUT 300
  ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")
set_tests_properties(run.stop_signal.np2 PROPERTIES PROCESSORS 2)

# Checkpoint/restart (issue 16; tests/app/restart_test.py): a 2-rank 3D
# mandrel stopped by SIGTERM at a random step, restarted on 2 and on 1
# rank; a 2D mandrel checkpointed every step, restarted from each; the
# refusals of a checkpoint of another run.
add_test(NAME run.restart.signal.np2
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/restart_test.py
          --mgrelax $<TARGET_FILE:mgrelax> --source ${PROJECT_SOURCE_DIR}
          --mode signal --mpirun ${MPIEXEC_EXECUTABLE})
add_test(NAME run.restart.every_step
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/restart_test.py
          --mgrelax $<TARGET_FILE:mgrelax> --source ${PROJECT_SOURCE_DIR}
          --mode every-step)
set_tests_properties(run.restart.signal.np2 run.restart.every_step
  PROPERTIES TIMEOUT 600
  ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")
set_tests_properties(run.restart.signal.np2 PROPERTIES PROCESSORS 2)

# A mandrel that stops early (no Newton step converges in one iteration:
# 30 cuts in a row) with `spectrum analysis = true`, the shipped default:
# the user sees the summary, a note that the analysis was skipped and the
# real cause (issue 16, finding 4).
file(WRITE ${_commands_dir}/early_stop.prm
  "include ${PROJECT_SOURCE_DIR}/inputs/mandrel.prm\n"
  "set material file = ${PROJECT_SOURCE_DIR}/inputs/materials/Al86.8Ni3.7Y9.5_STZ.prm\n"
  "set dimension = 2\n"
  "subsection Newton\n  set max iterations = 1\nend\n")
mgrelax_add_command_test(run.early_stop_says_why
  "plate_parameter = [^\n]*\n.*note: no spectrum analysis of a run that stopped early.*stopped early: cannot cut the step [^\n]*30 cuts in a row: Newton did not converge[^\n]*; no step was accepted.*exit status 1"
  run early_stop.prm)

# Output/name names files inside the output directory: '..' and names with
# '/' are refused (issue 16, finding 9), by run and point alike.
string(CONCAT _text ${_cantilever} "subsection Output\n  set name = ..\nend\n")
mgrelax_add_refusal_test(run.output_name_dotdot_refused run dotdot_name
  "${_text}" "entry 'Output/name': '\\.\\.' is not a file name")
mgrelax_add_refusal_test(point.output_name_slash_refused point slash_name
  "set material file = ${PROJECT_SOURCE_DIR}/inputs/materials/La30Ce30Ni10Al20Co10_S1.prm\nsubsection Load program\n  set segments = hold duration=1\nend\nsubsection Output\n  set name = a/b\nend\n"
  "entry 'Output/name': 'a/b' is not a file name")

# An output that cannot be written (here: a directory where NAME.pvd goes)
# is an error naming the file, with no stack trace and no TimerOutput
# banner (issue 16, findings 5 and 14), and leaves no .part file.
file(WRITE ${_commands_dir}/pvd_dir.prm
  "include ${PROJECT_SOURCE_DIR}/inputs/mandrel.prm\n"
  "set material file = ${PROJECT_SOURCE_DIR}/inputs/materials/Al86.8Ni3.7Y9.5_STZ.prm\n"
  "set dimension = 2\n")
add_test(NAME run.unwritable_output_named
  COMMAND sh -c "rm -rf output/pvd_dir; mkdir -p output/pvd_dir/pvd_dir.pvd; \"$0\" run pvd_dir.prm; echo \"exit status $?\"; ls output/pvd_dir | grep -c part"
    $<TARGET_FILE:mgrelax>
  WORKING_DIRECTORY ${_commands_dir})
set_tests_properties(run.unwritable_output_named PROPERTIES
  PASS_REGULAR_EXPRESSION "error: cannot write 'output/pvd_dir/pvd_dir.pvd': Is a directory\nexit status 1\n0\n"
  FAIL_REGULAR_EXPRESSION "TimerOutput|Stacktrace"
  ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")

# A law that fails at a point (here: a modulus that falls linearly above
# 400 K and vanishes at 500 K, heated to 600 K) makes the run cut back,
# then stop with a failure dump named in its message; `mgrelax point
# --replay` of the dump gives the law's failure again (issue 16; the
# replayed message equals the recorded one in tests/solver/guards_test.cc).
file(WRITE ${_commands_dir}/softening.prm
  "include ${PROJECT_SOURCE_DIR}/inputs/materials/La30Ce30Ni10Al20Co10_S1.prm\n"
  "subsection Material\n  set modulus slope = -0.01\n  set modulus knee temperature = 400\nend\n")
file(WRITE ${_commands_dir}/softening_run.prm
  "include ${PROJECT_SOURCE_DIR}/inputs/tension.prm\n"
  "set material file = softening.prm\n"
  "subsection Geometry\n  set cells along length = 2\n  set cells across width = 1\nend\n"
  "subsection Load program\n  set segments = jump to=0.1; hold duration=10 dt0=1 T=600\nend\n"
  "subsection Output\n  set name = softening_run\nend\n")
add_test(NAME run.failure_dump_replays
  COMMAND sh -c "rm -rf output/softening_run; \"$0\" run softening_run.prm; echo \"exit status $?\"; \"$0\" point --replay output/softening_run/softening_run_failure.txt; echo \"exit status $?\""
    $<TARGET_FILE:mgrelax>
  WORKING_DIRECTORY ${_commands_dir})
set_tests_properties(run.failure_dump_replays PROPERTIES
  PASS_REGULAR_EXPRESSION "30 cuts in a row: generalized Kelvin: E\\(T\\) = [^\n]* is not > 0 at T = [^\n]*; the failing point is in output/softening_run/softening_run_failure.txt \\(replay it: mgrelax point --replay output/softening_run/softening_run_failure.txt\\); output/softening_run/softening_run.csv holds the [0-9]+ records before\nexit status 1\n.*recorded: generalized Kelvin: E\\(T\\) = [^\n]*\n  replayed: the law failed: generalized Kelvin: E\\(T\\) = [^\n]* is not > 0 at T = [^\n]*\nexit status 1\n"
  ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")

# A load program that cannot finish (1e30 steps) is refused up front, by
# run and point, and leaves no output directory (issue 16, finding 2).
string(CONCAT _text ${_cantilever}
  "subsection Load program\n  set segments = hold duration=1e15 dt0=1e-15 growth=1\nend\n")
mgrelax_add_refusal_test(run.unbounded_program_refused run endless_run
  "${_text}" "the load program takes about 1e\\+30 steps, more than 1e\\+07 \\(load segment 1 alone 1e\\+30\\)")
mgrelax_add_refusal_test(point.unbounded_program_refused point endless_point
  "set material file = ${PROJECT_SOURCE_DIR}/inputs/materials/La30Ce30Ni10Al20Co10_S1.prm\nsubsection Load program\n  set segments = jump to=1e6; hold duration=1e15 dt0=1e-15 growth=1\nend\n"
  "entry 'Load program/segments': the load program takes about 1e\\+30 steps, more than 1e\\+07 \\(load segment 2 alone 1e\\+30\\)")

# A rerun clears the files an earlier run of the same NAME left (fields
# numbered beyond this run's, tables, spectrum files), and nothing else
# (issue 16, finding 7).
file(WRITE ${_commands_dir}/stale.prm
  "include ${PROJECT_SOURCE_DIR}/inputs/tension.prm\n"
  "set material file = ${PROJECT_SOURCE_DIR}/inputs/materials/La30Ce30Ni10Al20Co10_S1.prm\n"
  "subsection Geometry\n  set cells along length = 2\n  set cells across width = 1\nend\n"
  "subsection Load program\n  set segments = jump to=0.1; hold duration=10 dt0=1\nend\n"
  "subsection Output\n  set name = stale\nend\n")
add_test(NAME run.rerun_clears_stale_outputs
  COMMAND sh -c "rm -rf output/stale; mkdir -p output/stale; for f in stale_0099.pvtu stale_0099.1.vtu stale_spectrum.csv stale_peaks.png stale.csv.part notes.txt stale2.csv; do echo old > output/stale/$f; done; \"$0\" run stale.prm > /dev/null 2>&1; echo \"exit status $?\"; ls output/stale | tr '\\n' ' '"
    $<TARGET_FILE:mgrelax>
  WORKING_DIRECTORY ${_commands_dir})
set_tests_properties(run.rerun_clears_stale_outputs PROPERTIES
  PASS_REGULAR_EXPRESSION "exit status 0\nnotes.txt stale.csv (stale.png )?stale.pvd stale2.csv stale_0000.0.vtu stale_0000.pvtu stale_0001.0.vtu stale_0001.pvtu stale_columns.csv [\n]*$"
  ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")

# A small-strain run whose strains leave the model's range (a 1 kPa strip
# under the cantilever's 0.2 mN: a tip deflection of hundreds of metres)
# warns and names the entry to change (issue 16, finding 15).
file(WRITE ${_commands_dir}/soft_material.prm
  "subsection Material\n  set law = elastic\n  set Young's modulus = 1e3\n  set Poisson's ratio = 0.3\nend\n")
file(WRITE ${_commands_dir}/soft_cantilever.prm
  "include ${PROJECT_SOURCE_DIR}/inputs/cantilever.prm\n"
  "set material file = soft_material.prm\nset dimension = 2\n"
  "subsection Load program\n  set segments = jump to=2e-4\nend\n"
  "subsection Output\n  set vtu interval = 0\nend\n")
mgrelax_add_command_test(run.small_strain_validity_warning
  "warning: a strain component reached [0-9.e+]+, beyond the small-strain model's range \\(about 0.05\\): set 'Finite elements/kinematics = total Lagrangian'.*exit status 0"
  run soft_cantilever.prm)

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
