import io.github.kvmboot.testing.*
ItSupport.configure(testCache, testScripts)
ItSupport.linkGuest(basedir, TestGuests.panic())
