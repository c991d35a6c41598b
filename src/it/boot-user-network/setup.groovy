import io.github.kvmboot.testing.*
import io.github.kvmboot.network.NetGuests
ItSupport.configure(testCache, testScripts)
ItSupport.linkGuest(basedir, NetGuests.dhcpInitramfs())
