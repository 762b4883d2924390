package org.sigmma.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

/** Device choice with and without GPUs (the logic runs here without one). */
class DeviceSelectorTest {

    @Test
    void autoTakesTheGpuWheneverOneIsThere() {
        assertEquals(Device.cpu(), DeviceSelector.select("auto", 0));
        assertEquals(Device.gpu(0), DeviceSelector.select("auto", 1));
        assertEquals(Device.gpu(0), DeviceSelector.select(null, 4));
    }

    @Test
    void explicitRequests() {
        assertEquals(Device.cpu(), DeviceSelector.select("cpu", 2));
        assertEquals(Device.gpu(1), DeviceSelector.select("gpu:1", 2));
        assertEquals(Device.gpu(0), DeviceSelector.select(" GPU ", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceSelector.select("gpu", 0));
        assertTrue(e.getMessage().contains("0 GPU"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeviceSelector.select("gpu:2", 2));
        assertThrows(IllegalArgumentException.class, () -> DeviceSelector.select("tpu", 2));
    }

    @Test
    void theEngineHereHasNoGpuSoAutoIsTheCpu() {
        int gpus = Engine.getInstance().getGpuCount();
        assertEquals(gpus > 0 ? Device.gpu(0) : Device.cpu(), DeviceSelector.select("auto"));
    }
}
