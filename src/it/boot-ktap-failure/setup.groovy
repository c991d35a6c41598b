import io.github.kvmboot.testing.*
ItSupport.configure(testCache, testScripts)
// KTAP printed by init (no printk timestamps): suite "demo" with one passing, one failing test
ItSupport.linkGuest(basedir, TestGuests.initramfs('''
printf 'KTAP version 1\\n1..1\\n    KTAP version 1\\n    # Subtest: demo\\n    1..2\\n    ok 1 demo_passes\\n'
printf '    # demo_fails: EXPECTATION FAILED at demo.c:42\\n    Expected answer == 42, but answer == 41\\n'
printf '    not ok 2 demo_fails\\nnot ok 1 demo\\n'
poweroff -f
'''))
