using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Tests.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Rules;

/// <summary>A valid campus.yaml with a calendar and one rule of every kind, and helpers to break it in one place.</summary>
internal static class RuleYaml
{
    public const string Valid = SiteYaml.Header + "\n" + """
        calendar:
          timeZone: Asia/Shanghai
          terms:
            - from: 2025-09-01
              to: 2026-01-16
          holidays:
            - from: 2025-10-01
              to: 2025-10-08
            - 2026-01-01
          makeUpDays: [2025-09-28]
          lessons:
            - 08:00-08:45
            - 14:00-16:30
        devices:
          - id: room-201-air
            kind: modbus-tcp
            host: 127.0.0.1
            points:
              - id: co2
                function: holding
                address: 0
                type: uint16
                unit: ppm
              - id: mode
                function: holding
                address: 1
                type: uint16
          - id: room-202-air
            kind: modbus-tcp
            host: 127.0.0.1
            points:
              - id: co2
                function: holding
                address: 0
                type: uint16
          - id: panel
            kind: gpio
            driver: simulated
            points:
              - id: smoke
                direction: input
                pin: 17
              - id: reset
                direction: input
                pin: 22
              - id: door
                direction: input
                pin: 23
              - id: siren
                direction: output
                pin: 27
                safeState: false
          - id: board-201
            kind: class-board
            building: A
            floor: "2"
            room: "201"
            password: board-201-secret
          - id: board-301
            kind: class-board
            building: A
            floor: "3"
            room: "301"
            password: board-301-secret
          - id: door-3
            kind: access-gate
            password: door-3-secret
        rules:
          - id: co2-high
            kind: threshold
            point: "*-air.co2"
            above: 1500
            clearBelow: 1200
            for: 2m
            severity: warning
            armed: schoolHours
            actions:
              - notice: {building: A, floor: "2"}
                text:
                  zh-CN: 请开窗通风。
                  en: Please open the windows.
              - writePoint: room-201-air.mode
                value: 2
                clearValue: 0
              - publish: campus/pa/announce
                payload: open-windows
              - notifyDistrict: true
          - id: smoke
            kind: input
            point: panel.smoke
            equals: true
            debounce: 2s
            severity: critical
            lifeSafety: true
            actions:
              - setOutput: panel.siren
                value: true
                safeValue: true
              - emergencyNotice: all
                text:
                  zh-CN: 火警！
                  en: Fire!
          - id: door-night
            kind: state
            point: panel.door
            edge: rising
            debounce: 1s
            clearAfter: 1m
            severity: major
            armed: {windows: [22:00-06:00], schoolDaysOnly: true}
          - id: mode-alarm
            kind: state
            point: room-201-air.mode
            equals: 3
            severity: minor
          - id: card-denied
            kind: event
            device: door-3
            event: card-denied
            count: 5
            within: 2m
            severity: minor
          - id: panel-offline
            kind: offline
            device: panel
            for: 30s
            severity: major
          - id: any-co2
            kind: any
            rules: [co2-high]
            severity: warning
          - id: smoke-and-door
            kind: all
            rules: [smoke, door-night]
            severity: critical
          - id: reset-button
            kind: input
            point: panel.reset
            equals: true
            severity: warning
            actions:
              - clearAlarm: smoke
          - id: smoke-silent
            kind: stale
            point: panel.smoke
            staleAfter: 30s
            severity: major
        """;

    public static string With(string original, string replacement) => SiteYaml.Replace(Valid, original, replacement);

    public static SiteConfigurationLoadResult Load(string yaml) => SiteYaml.Load(yaml);
}
