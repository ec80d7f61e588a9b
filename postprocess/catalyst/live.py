# script-version: 2
#
# mgrelax's Catalyst Live pipeline: while the run goes, a ParaView GUI can
# connect and show the ribbon (Catalyst > Connect... in ParaView 5.11, port
# 22222, before the run starts; then Catalyst > Pause Simulation / Continue
# and click the eye next to "input" in the Pipeline Browser).  If no GUI
# listens, the run goes on without it.  doc/paraview.md explains it.
from paraview import catalyst
from paraview.simple import *

ribbon = TrivialProducer(registrationName="input")

options = catalyst.Options()
options.GlobalTrigger = "TimeStep"
options.EnableCatalystLive = 1
options.CatalystLiveTrigger = "TimeStep"
options.CatalystLiveURL = "localhost:22222"
