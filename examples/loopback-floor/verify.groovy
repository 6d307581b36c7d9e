// After both builds (invoker.properties): what a user of the example sees in the log.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'the floor that is met passed'
assert log.contains('Rule 0: org.apache.maven.enforcer.rules.dependency.BannedDependencies passed') :
        'no picocli (nor any of the command line\'s dependencies) in the dependency tree'
def missed = log =~ /LoopbackFloorTest\.missesItsFloor: expected at least 10000\.000 Gbit\/s, measured [0-9.]+ \(-[0-9.]+ %\) \[loopback \(receiver in a child JVM\), engine nio, 300 ms per run, 1 run, 1 stream; each run: [0-9.]+ Gbit\/s; -Dkttcp4j\.gbitsAtLeast=N overrides; JSON: target\/kttcp4j\/org\.example\.nic\.LoopbackFloorTest\/missesItsFloor\.json\]/
assert missed.find() : 'the missed floor failed with the measured value, the threshold and the settings'
assert new File(basedir, 'target/kttcp4j/org.example.nic.LoopbackFloorTest/meetsItsFloor.json').length() > 0
// the figures in Surefire's XML (the test's standard output; the second build's test wrote it last)
def xml = new File(basedir, 'target/surefire-reports/TEST-org.example.nic.LoopbackFloorTest.xml').text
assert xml =~ /kttcp4j: LoopbackFloorTest\.(meets|misses)ItsFloor: \{kttcp4j\.settings=loopback/
return true
