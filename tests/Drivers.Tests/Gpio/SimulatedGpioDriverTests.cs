using System.Device.Gpio;
using SmartCampus.Edge.Drivers.Gpio;

namespace SmartCampus.Edge.Drivers.Tests.Gpio;

public sealed class SimulatedGpioDriverTests
{
    [Fact]
    public void Input_BiasSetsIdleLevel()
    {
        using var controller = new GpioController(new SimulatedGpioDriver());

        controller.OpenPin(1, PinMode.InputPullUp);
        controller.OpenPin(2, PinMode.InputPullDown);
        controller.OpenPin(3, PinMode.Input);

        Assert.Equal(PinValue.High, controller.Read(1));
        Assert.Equal(PinValue.Low, controller.Read(2));
        Assert.Equal(PinValue.Low, controller.Read(3));
    }

    [Fact]
    public void SetInputLevel_RaisesCallbackOnChangeOnly()
    {
        var simulator = new SimulatedGpioDriver();
        using var controller = new GpioController(simulator);
        controller.OpenPin(4, PinMode.Input);
        var edges = new List<(int Pin, PinEventTypes Type)>();
        controller.RegisterCallbackForPinValueChangedEvent(4, PinEventTypes.Rising | PinEventTypes.Falling, (_, a) => edges.Add((a.PinNumber, a.ChangeType)));

        simulator.SetInputLevel(4, PinValue.High);
        simulator.SetInputLevel(4, PinValue.High);
        simulator.SetInputLevel(4, PinValue.Low);

        Assert.Equal([(4, PinEventTypes.Rising), (4, PinEventTypes.Falling)], edges);
        Assert.Equal(PinValue.Low, controller.Read(4));
    }

    [Fact]
    public void SetInputLevel_RespectsRegisteredEdgeTypes()
    {
        var simulator = new SimulatedGpioDriver();
        using var controller = new GpioController(simulator);
        controller.OpenPin(4, PinMode.Input);
        var rising = 0;
        controller.RegisterCallbackForPinValueChangedEvent(4, PinEventTypes.Rising, (_, _) => rising++);

        simulator.SetInputLevel(4, PinValue.High);
        simulator.SetInputLevel(4, PinValue.Low);
        simulator.SetInputLevel(4, PinValue.High);

        Assert.Equal(2, rising);
    }

    [Fact]
    public async Task WaitForEventAsync_ReturnsEdgeOrTimesOut()
    {
        var simulator = new SimulatedGpioDriver();
        using var controller = new GpioController(simulator);
        controller.OpenPin(8, PinMode.Input);

        var waiting = controller.WaitForEventAsync(8, PinEventTypes.Rising, TimeSpan.FromSeconds(5)).AsTask();
        simulator.SetInputLevel(8, PinValue.High);
        var edge = await waiting;
        var timeout = await controller.WaitForEventAsync(8, PinEventTypes.Rising, TimeSpan.FromMilliseconds(20));

        Assert.False(edge.TimedOut);
        Assert.Equal(PinEventTypes.Rising, edge.EventTypes);
        Assert.True(timeout.TimedOut);
    }

    [Fact]
    public void Output_InitialValueAndChangesAreObservable()
    {
        var simulator = new SimulatedGpioDriver();
        using var controller = new GpioController(simulator);
        var changes = new List<PinEventTypes>();
        simulator.OutputChanged += (_, a) => changes.Add(a.ChangeType);

        controller.OpenPin(9, PinMode.Output, PinValue.High);
        Assert.Equal(PinValue.High, simulator.GetLevel(9));
        controller.Write(9, PinValue.Low);

        Assert.Equal(PinValue.Low, simulator.GetLevel(9));
        Assert.Equal([PinEventTypes.Falling], changes);
    }

    [Fact]
    public void Output_IgnoresInputLevel()
    {
        var simulator = new SimulatedGpioDriver();
        using var controller = new GpioController(simulator);
        controller.OpenPin(9, PinMode.Output, PinValue.Low);

        simulator.SetInputLevel(9, PinValue.High);

        Assert.Equal(PinValue.Low, controller.Read(9));
    }

    [Fact]
    public void OpenPin_BusyLine_ThrowsNamingPinAndConsumer()
    {
        var simulator = new SimulatedGpioDriver();
        using var controller = new GpioController(simulator);
        simulator.SimulateBusy(10, "spi0 CS0");

        var error = Assert.Throws<IOException>(() => controller.OpenPin(10));

        Assert.Contains("10", error.Message, StringComparison.Ordinal);
        Assert.Contains("spi0 CS0", error.Message, StringComparison.Ordinal);
        Assert.False(controller.IsPinOpen(10));

        simulator.ClearLineFault(10);
        controller.OpenPin(10);
        Assert.True(simulator.IsLineOpen(10));
    }

    [Fact]
    public void OpenPin_AccessDenied_Throws()
    {
        var simulator = new SimulatedGpioDriver();
        using var controller = new GpioController(simulator);
        simulator.SimulateAccessDenied(11);

        Assert.Throws<UnauthorizedAccessException>(() => controller.OpenPin(11));
    }

    [Fact]
    public void OpenPin_OutsideBank_Throws()
    {
        using var controller = new GpioController(new SimulatedGpioDriver(pinCount: 8));

        Assert.Throws<ArgumentOutOfRangeException>(() => controller.OpenPin(8));
    }

    [Fact]
    public void Factory_Simulated_ReturnsControllerOverSimulator()
    {
        var handle = GpioControllerFactory.Create(GpioDriverKind.Simulated);
        using var controller = handle.Controller;

        Assert.NotNull(handle.Simulator);
        controller.OpenPin(3, PinMode.Input);
        handle.Simulator.SetInputLevel(3, PinValue.High);
        Assert.Equal(PinValue.High, controller.Read(3));
    }
}
