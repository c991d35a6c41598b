import io.github.kvmboot.testing.*
import java.nio.file.*
ItSupport.configure(testCache, testScripts)
ItSupport.linkStartGuest(basedir)
return true
