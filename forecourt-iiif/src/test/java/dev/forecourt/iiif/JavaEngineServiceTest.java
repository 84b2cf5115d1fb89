package dev.forecourt.iiif;

import dev.forecourt.iiif.imaging.ImagingEngine;
import dev.forecourt.iiif.imaging.JavaEngine;

/** The service on the pure-Java engine (machines without libvips). */
class JavaEngineServiceTest extends ServiceContract {
    @Override
    ImagingEngine engine() {
        return new JavaEngine();
    }
}
